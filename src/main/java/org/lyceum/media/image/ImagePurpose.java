package org.lyceum.media.image;

import java.util.List;

/**
 * What an image is for, and the sizes made of it (issue 15: icons 400 and 64 px, banners 1500 × 500;
 * a resource's picture keeps its size and loses only its metadata).
 */
public enum ImagePurpose {
    ICON(List.of(new Size("400", 400, 400), new Size("64", 64, 64))),
    BANNER(List.of(new Size("1500x500", 1500, 500))),
    PICTURE(List.of(new Size("file", 0, 0)));

    /**
     * One size made of an image: its name (part of the stored file's key), width and height in
     * pixels; 0 × 0 keeps the image's own size and proportions.
     */
    public record Size(String name, int width, int height) {
        boolean asIs() {
            return width == 0;
        }
    }

    @SuppressWarnings("ImmutableEnumChecker") // List.of: immutable, though its type does not say so
    private final List<Size> sizes;

    ImagePurpose(List<Size> sizes) {
        this.sizes = sizes;
    }

    public List<Size> sizes() {
        return sizes;
    }
}
