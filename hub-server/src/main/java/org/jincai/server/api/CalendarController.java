package org.jincai.server.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.jincai.core.audit.AuditEntry;
import org.jincai.scheduler.calendar.CalendarFile;
import org.jincai.scheduler.calendar.CalendarStore;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank calendar (docs/operations.md, "Calendars"). {@code GET /api/v1/calendar}: its years;
 * {@code POST /api/v1/calendar} with the CSV as {@code text/csv} ({@code ?statutory=true} for statutory dates only):
 * the years the file holds replaced, whole or refused with every bad line. Audited as the signed-in user.
 */
@RestController
@RequestMapping("/api/v1/calendar")
public class CalendarController {

    private final CalendarStore calendars;

    public CalendarController(CalendarStore calendars) {
        this.calendars = calendars;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<CalendarStore.Year> years() {
        return calendars.years();
    }

    @PostMapping(consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<CalendarStore.Year> importFile(@RequestBody byte[] csv, Authentication user,
                                               @RequestParam(defaultValue = "false") boolean statutory)
            throws IOException {
        CalendarFile file = CalendarFile.read(new ByteArrayInputStream(csv), "body");
        return calendars.importFile(file, statutory ? CalendarStore.Arrangement.STATUTORY
                : CalendarStore.Arrangement.PUBLISHED, "REST upload", user.getName(), AuditEntry.Channel.REST);
    }
}
