package org.jincai.formats.fiscal.internal;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jincai.formats.fiscal.FieldKind;

/**
 * One voucher tag: its name on the wire, its kind, how to read it from the model and how to set it on the
 * model's builder.
 *
 * @param <M> the model record
 * @param <B> the model's builder
 */
public record FieldSpec<M, B>(String tag, FieldKind kind, Function<M, ?> getter, BiConsumer<B, Object> setter) {
}
