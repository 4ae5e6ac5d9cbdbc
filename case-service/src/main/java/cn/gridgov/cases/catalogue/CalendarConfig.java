package cn.gridgov.cases.catalogue;

import io.smallrye.config.ConfigMapping;
import java.time.ZoneId;
import java.util.List;

/** The town's working calendar: its time zone and a working day's office hours. */
@ConfigMapping(prefix = "gridgov.calendar")
public interface CalendarConfig {

    /** Days, office hours and the periods of reports are read in this zone. */
    ZoneId zone();

    /** A working day's stretches of office hours, e.g. 08:30-12:00,13:30-17:30. */
    List<String> officeHours();
}
