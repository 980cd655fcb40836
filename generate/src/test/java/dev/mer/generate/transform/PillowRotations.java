package dev.mer.generate.transform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture {@code pillow-rotations.txt}: images and their rotations by real Pillow 9.4, made by
 * generate/scripts/make_rotation_fixtures.py.
 */
public final class PillowRotations {
    /** A source image. */
    public record Image(String name, int width, int height, byte[] pixels) {
    }

    /** One Pillow result: {@code image} rotated by {@code angle}. */
    public record Rotated(Image image, double angle, String angleText, byte[] pixels) {
        @Override
        public String toString() {
            return image.name() + " rotated by " + angleText;
        }
    }

    private PillowRotations() {
    }

    /** Every rotation of the fixture. */
    public static List<Rotated> load() throws IOException {
        Map<String, Image> images = new LinkedHashMap<>();
        List<Rotated> out = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PillowRotations.class.getResourceAsStream("pillow-rotations.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f[0].equals("image")) {
                    images.put(f[1], new Image(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), hex.parseHex(f[4])));
                } else if (f[0].equals("rotate")) {
                    out.add(new Rotated(images.get(f[1]), Double.parseDouble(f[2]), f[2], hex.parseHex(f[3])));
                }
            }
        }
        return out;
    }
}
