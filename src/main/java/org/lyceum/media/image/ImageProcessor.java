package org.lyceum.media.image;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;

/**
 * Icons and banners from uploaded images. Blocking and CPU-bound: callers run it on a worker
 * thread, never on the event loop.
 *
 * <ul>
 *   <li>The dimensions are read from the header before any pixel is decoded, and an image over
 *       {@link #MAX_PIXELS} is refused ({@code TOO_LARGE}), so a file that claims
 *       100 000 × 100 000 pixels allocates nothing.
 *   <li>Only the first frame is decoded (a GIF's first), only its centred part with the sizes'
 *       proportions, subsampled while decoding when that is far larger than the largest size
 *       made, so memory follows the output, not the upload.
 *   <li>Each size is drawn into a new image and encoded from it: nothing of the upload's metadata
 *       (EXIF and its GPS position, PNG text chunks, XMP, comments) is carried over.
 * </ul>
 */
public final class ImageProcessor {

    /** About a 6 000 × 4 000 photo; decoded whole it is 96 MB of ARGB, subsampled far less. */
    public static final long MAX_PIXELS = 24_000_000L;

    /**
     * Largest picture kept at its own size (a resource's image, re-encoded to drop its metadata);
     * larger ones are scaled down by a whole factor. At most 64 MB decoded, even at 16 bits a channel.
     */
    public static final long PICTURE_MAX_PIXELS = 8_000_000L;

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "webp");

    static {
        // ImageIO finds plugins (WebP here) on the class path it started with; a Quarkus
        // application's libraries are on its own class loader, which this scan uses.
        ImageIO.scanForPlugins();
    }

    private ImageProcessor() {}

    /** One size made: where it was written and what it is. */
    public record Variant(ImagePurpose.Size size, Path file, String mediaType, int width, int height) {}

    /**
     * Makes the purpose's sizes of the image at {@code source}, writing each into {@code into}.
     * Refuses what is not a PNG, JPEG, GIF or WebP image ({@code UNSUPPORTED_MEDIA}) and what is
     * too large ({@code TOO_LARGE}).
     */
    public static List<Variant> process(Path source, ImagePurpose purpose, Path into) throws IOException {
        BufferedImage image = decode(source, purpose);
        boolean alpha = image.getColorModel().hasAlpha();
        List<Variant> out = new ArrayList<>();
        for (ImagePurpose.Size size : purpose.sizes()) {
            out.add(write(size.asIs() ? redrawn(image, alpha) : cover(image, size, alpha), size, alpha, into));
        }
        return out;
    }

    /**
     * The first frame, only its centred part with the purpose's proportions (the sizes of one
     * purpose share them), subsampled while decoding when that part is more than twice the largest
     * size: an elongated upload costs no more memory than a square one.
     */
    private static BufferedImage decode(Path source, ImagePurpose purpose) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            if (in == null) {
                throw unsupported();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unsupported();
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw unsupported();
                }
                // Metadata is neither read nor kept; only the header's dimensions, then pixels.
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw unsupported();
                }
                if ((long) width * height > MAX_PIXELS) {
                    throw new DomainException(
                            ErrorCode.TOO_LARGE,
                            "the image is " + width + " × " + height + " pixels; at most " + MAX_PIXELS
                                    + " pixels are taken");
                }
                ImagePurpose.Size largest = purpose.sizes().get(0);
                if (largest.asIs()) {
                    // Kept at its size up to PICTURE_MAX_PIXELS, else subsampled while decoding: a few
                    // KB of flat 16-bit RGBA can claim 24 MP, which is 192 MB decoded whole.
                    ImageReadParam whole = reader.getDefaultReadParam();
                    int step = (int) Math.ceil(Math.sqrt((double) width * height / PICTURE_MAX_PIXELS));
                    if (step >= 2) {
                        whole.setSourceSubsampling(step, step, 0, 0);
                    }
                    return reader.read(0, whole);
                }
                Rectangle part = centred(width, height, (double) largest.width() / largest.height());
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(part);
                int step = Math.min(part.width / (2 * largest.width()), part.height / (2 * largest.height()));
                if (step >= 2) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                if (e instanceof DomainException) {
                    throw e;
                }
                // A truncated or corrupt image, whatever the reader's own exception; writing the
                // sizes is outside this, so a failure on our side is not blamed on the upload.
                throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA, "the image could not be read");
            } finally {
                reader.dispose();
            }
        }
    }

    /** The largest centred rectangle of these proportions (width / height) within the image. */
    private static Rectangle centred(int width, int height, double aspect) {
        int w = width;
        int h = height;
        if ((double) w / h > aspect) {
            w = Math.max(1, (int) Math.round(h * aspect));
        } else {
            h = Math.max(1, (int) Math.round(w / aspect));
        }
        return new Rectangle((width - w) / 2, (height - h) / 2, w, h);
    }

    /**
     * The largest centred part of the image with the size's proportions, scaled down to the size;
     * never enlarged: a smaller image gives a smaller result of the same proportions.
     */
    private static BufferedImage cover(BufferedImage image, ImagePurpose.Size size, boolean alpha) {
        double aspect = (double) size.width() / size.height();
        int cutWidth = image.getWidth();
        int cutHeight = image.getHeight();
        if ((double) cutWidth / cutHeight > aspect) {
            cutWidth = Math.max(1, (int) Math.round(cutHeight * aspect));
        } else {
            cutHeight = Math.max(1, (int) Math.round(cutWidth / aspect));
        }
        double scale = Math.min(1.0, (double) size.width() / cutWidth);
        int x = (image.getWidth() - cutWidth) / 2;
        int y = (image.getHeight() - cutHeight) / 2;
        int outWidth = Math.max(1, (int) Math.round(cutWidth * scale));
        int outHeight = Math.max(1, (int) Math.round(cutHeight * scale));
        BufferedImage out = new BufferedImage(
                outWidth, outHeight, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, outWidth, outHeight, x, y, x + cutWidth, y + cutHeight, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The image as its writer takes it: PNG takes any; JPEG only plain RGB or grey, so other opaque
     * models (a palette) are redrawn. Copying only then keeps a large picture's memory to one bitmap.
     */
    private static BufferedImage redrawn(BufferedImage image, boolean alpha) {
        int type = image.getType();
        if (alpha
                || type == BufferedImage.TYPE_3BYTE_BGR
                || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** PNG where there is transparency, else JPEG at quality 0.85; written from pixels only. */
    private static Variant write(BufferedImage image, ImagePurpose.Size size, boolean alpha, Path into)
            throws IOException {
        String format = alpha ? "png" : "jpeg";
        Path file = into.resolve(size.name() + (alpha ? ".png" : ".jpg"));
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (OutputStream stream = Files.newOutputStream(file);
                ImageOutputStream out = ImageIO.createImageOutputStream(stream)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!alpha) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return new Variant(size, file, alpha ? "image/png" : "image/jpeg", image.getWidth(), image.getHeight());
    }

    private static DomainException unsupported() {
        return new DomainException(ErrorCode.UNSUPPORTED_MEDIA, "icons and banners are PNG, JPEG, GIF or WebP images");
    }
}
