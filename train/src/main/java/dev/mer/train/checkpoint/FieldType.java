package dev.mer.train.checkpoint;

/** The types of a checkpoint's fields, with the tag byte that precedes each field in the file. */
enum FieldType {
    INT(1),
    LONG(2),
    DOUBLE(3),
    TEXT(4),
    INTS(5),
    FLOATS(6);

    final byte tag;

    FieldType(int tag) {
        this.tag = (byte) tag;
    }

    static FieldType ofTag(byte tag) {
        for (FieldType t : values()) {
            if (t.tag == tag) {
                return t;
            }
        }
        return null;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
