package cn.gridgov.cases.catalogue;

import cn.gridgov.cases.casefile.Urgency;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A section (大类, no section code) or an item (小类) of the catalogue; only items can be reported. */
@Entity
@Table(name = "category")
public class Category {

    @Id public String code;

    @Column(name = "section_code")
    public String sectionCode;

    public String name;

    @Column(name = "register_conditions")
    public String registerConditions;

    @Column(name = "close_conditions")
    public String closeConditions;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_urgency")
    public Urgency defaultUrgency;

    @Column(name = "photo_required")
    public boolean photoRequired;

    public boolean active;

    public boolean isItem() {
        return sectionCode != null;
    }
}
