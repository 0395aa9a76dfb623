package org.jincai.core.release;

import java.sql.Timestamp;
import java.time.Clock;
import org.jincai.core.Digests;
import org.jincai.core.Ids;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The append-only trail of a delivery's transitions ({@code delivery_event}): from, to, actor, reason, time. */
final class DeliveryEvents {

    private DeliveryEvents() {
    }

    static void record(NamedParameterJdbcTemplate jdbc, Clock clock, String deliveryId, DeliveryStatus from,
                       DeliveryStatus to, String actor, String reason) {
        jdbc.update("""
                INSERT INTO delivery_event (event_id, delivery_id, from_status, to_status, actor, reason, occurred_at)
                VALUES (:id, :delivery, :from, :to, :actor, :reason, :now)""",
                new MapSqlParameterSource("id", Ids.newOrderedId(clock)).addValue("delivery", deliveryId)
                        .addValue("from", from == null ? null : from.name()).addValue("to", to.name())
                        .addValue("actor", Digests.fit(actor, 64)).addValue("reason", Digests.fit(reason, 400))
                        .addValue("now", Timestamp.from(clock.instant())));
    }
}
