package dev.mer.convert.pickle;

import java.io.IOException;

/** A pickle the machine cannot or will not load; the message says what and where. */
public class PickleException extends IOException {
    private static final long serialVersionUID = 1L;

    public PickleException(String message) {
        super(message);
    }
}
