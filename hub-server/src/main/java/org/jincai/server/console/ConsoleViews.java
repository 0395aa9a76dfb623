package org.jincai.server.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the console's pages compute as they render ({@code ${@consoleViews...}}): an instant in Beijing time, and the
 * link to another page of the list shown, its filters kept.
 */
@Component("consoleViews")
public class ConsoleViews {

    /** The payment centre's time zone. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);

    /** {@code yyyy-MM-dd HH:mm:ss} in Beijing; a dash for none. */
    public String at(Instant instant) {
        return instant == null ? "—" : FORMAT.format(instant);
    }

    /** The current request's path and filters, on page {@code page} of its list. */
    public String page(int page) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).replaceQueryParam("lang")
                .build().toUriString();
    }
}
