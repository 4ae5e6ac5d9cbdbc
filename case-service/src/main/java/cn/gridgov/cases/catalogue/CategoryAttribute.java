package cn.gridgov.cases.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One thing a catalogue item's collection standard asks for beyond the description (信息采集准入): the
 * depth of a pothole, the state of a manhole cover. Open311 publishes them in the service's
 * definition and checks them in a request's {@code attribute[code]}.
 */
@Entity
@Table(name = "category_attribute")
@IdClass(CategoryAttribute.Key.class)
public class CategoryAttribute {

    /** GeoReport's datatypes, by their names in the specification. */
    public static final java.util.Set<String> DATATYPES =
            java.util.Set.of(
                    "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");

    public static class Key implements Serializable {
        public String categoryCode;
        public String code;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(categoryCode, k.categoryCode)
                    && Objects.equals(code, k.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(categoryCode, code);
        }
    }

    @Id
    @Column(name = "category_code")
    public String categoryCode;

    @Id public String code;

    /** Its place in the definition (GeoReport's {@code order}). */
    public int position;

    public String datatype;

    public boolean required;

    public String description;

    @Column(name = "datatype_description")
    public String datatypeDescription;

    /**
     * For the list datatypes, the values a client may choose: a JSON array of {@code {key, name}}.
     */
    @Column(name = "allowed_values")
    public String allowedValues = "[]";
}
