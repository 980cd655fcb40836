package dev.mer.convert;

import dev.mer.dataset.XEncoding;
import java.util.Locale;

/** The {@code --encoding} of {@code mer convert}. */
public enum EncodingChoice {
    /** uint8 when every input value is exactly {@code k/255} (checked per value), else float32. */
    AUTO,
    /** uint8, refusing inputs that are not all exactly {@code k/255}. */
    UINT8,
    /** float32 whatever the values. */
    FLOAT32;

    /** The fixed encoding this choice asks for, or {@code null} for {@link #AUTO}. */
    public XEncoding fixed() {
        return switch (this) {
            case AUTO -> null;
            case UINT8 -> XEncoding.UINT8;
            case FLOAT32 -> XEncoding.FLOAT32;
        };
    }

    /** The command-line spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
