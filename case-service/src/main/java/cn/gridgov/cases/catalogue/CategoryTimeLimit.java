package cn.gridgov.cases.catalogue;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.Urgency;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

@Entity
@Table(name = "category_time_limit")
@IdClass(CategoryTimeLimit.Key.class)
public class CategoryTimeLimit {

    public static class Key implements Serializable {
        public String categoryCode;
        public Urgency urgency;
        public Step step;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(categoryCode, k.categoryCode)
                    && urgency == k.urgency
                    && step == k.step;
        }

        @Override
        public int hashCode() {
            return Objects.hash(categoryCode, urgency, step);
        }
    }

    @Id
    @Column(name = "category_code")
    public String categoryCode;

    @Id
    @Enumerated(EnumType.STRING)
    public Urgency urgency;

    @Id
    @Enumerated(EnumType.STRING)
    public Step step;

    public BigDecimal hours;

    @Column(name = "working_time")
    public boolean workingTime;

    public TimeLimit limit() {
        return new TimeLimit(hours.doubleValue(), workingTime);
    }
}
