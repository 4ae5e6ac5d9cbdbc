package cn.gridgov.cases.catalogue;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A day that breaks the weekly pattern: a holiday, or a weekend day worked instead (调休). */
@Entity
@Table(name = "calendar_day")
public class CalendarDay {

    @Id public LocalDate day;

    public boolean working;

    public String name;
}
