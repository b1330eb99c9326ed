package dev.tasks.core.validation;

import dev.tasks.core.FieldPatch;
import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * Lets constraints on {@code FieldPatch<@X T>} check the value a {@link FieldPatch.SetTo} carries;
 * absent and cleared patches carry nothing to check.
 */
public final class FieldPatchValueExtractor implements ValueExtractor<FieldPatch<@ExtractedValue ?>> {

    /** Registered with the validator factory by {@link RequestValidator}. */
    public FieldPatchValueExtractor() {
    }

    @Override
    public void extractValues(FieldPatch<?> originalValue, ValueReceiver receiver) {
        if (originalValue instanceof FieldPatch.SetTo<?> set) {
            receiver.value(null, set.value());
        }
    }
}
