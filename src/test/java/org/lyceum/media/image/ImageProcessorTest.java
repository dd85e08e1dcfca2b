package org.lyceum.media.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;

/**
 * Icons and banners from the real files in src/test/resources/media (made by MakeFixtures.java
 * there): sizes, proportions, transparency, metadata gone, and what is refused with which code.
 */
class ImageProcessorTest {

    @TempDir
    Path out;

    @Test
    void aPhotoBecomesTwoIconsWithoutItsExifPosition() throws Exception {
        List<ImageProcessor.Variant> icons =
                ImageProcessor.process(fixture("photo-exif-gps.jpg"), ImagePurpose.ICON, out);
        assertEquals(
                List.of("400", "64"), icons.stream().map(v -> v.size().name()).toList());
        for (ImageProcessor.Variant icon : icons) {
            assertEquals("image/jpeg", icon.mediaType());
            BufferedImage read = ImageIO.read(icon.file().toFile());
            assertEquals(icon.size().width(), read.getWidth());
            assertEquals(icon.size().height(), read.getHeight());
            assertNoMetadata(icon.file());
        }
    }

    @Test
    void aPictureKeepsItsSizeUpToItsLimitAndIsScaledDownPastIt() throws Exception {
        List<ImageProcessor.Variant> kept =
                ImageProcessor.process(fixture("photo-exif-gps.jpg"), ImagePurpose.PICTURE, out);
        assertEquals(List.of("file"), kept.stream().map(v -> v.size().name()).toList());
        assertEquals(800, kept.get(0).width());
        assertEquals(600, kept.get(0).height());
        assertNoMetadata(kept.get(0).file());

        // 12 MP of flat grey: a small file that would decode past PICTURE_MAX_PIXELS.
        Path large = out.resolve("large.png");
        ImageIO.write(new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_GRAY), "png", large.toFile());
        Path into = Files.createDirectories(out.resolve("large"));
        ImageProcessor.Variant scaled =
                ImageProcessor.process(large, ImagePurpose.PICTURE, into).get(0);
        assertEquals(2000, scaled.width());
        assertEquals(1500, scaled.height());
        assertTrue((long) scaled.width() * scaled.height() <= ImageProcessor.PICTURE_MAX_PIXELS);
    }

    @Test
    void aPngLosesItsTextChunksAndKeepsItsTransparency() throws Exception {
        ImageProcessor.Variant big = ImageProcessor.process(fixture("screenshot-gps-text.png"), ImagePurpose.ICON, out)
                .get(0);
        assertNoMetadata(big.file());
        assertEquals(400, big.width());

        List<ImageProcessor.Variant> clear = ImageProcessor.process(fixture("transparent.png"), ImagePurpose.ICON, out);
        assertEquals("image/png", clear.get(0).mediaType());
        assertEquals(300, clear.get(0).width(), "a 300 px image is not enlarged to 400");
        assertEquals(64, clear.get(1).width());
        assertTrue(ImageIO.read(clear.get(1).file().toFile()).getColorModel().hasAlpha());
    }

    @Test
    void aBannerIsCutToThreeToOneAndNeverEnlarged() throws Exception {
        ImageProcessor.Variant banner = ImageProcessor.process(fixture("banner.gif"), ImagePurpose.BANNER, out)
                .get(0);
        assertEquals(900, banner.width(), "1200 × 300 cut to 3:1 is 900 × 300");
        assertEquals(300, banner.height());
        BufferedImage read = ImageIO.read(banner.file().toFile());
        assertEquals(900, read.getWidth());
    }

    @Test
    void whatIsNotAnImageOrTooLargeIsRefusedWithItsCode() {
        for (String name : List.of("page-named.png", "empty.png", "truncated.jpg")) {
            DomainException refused = assertThrows(
                    DomainException.class, () -> ImageProcessor.process(fixture(name), ImagePurpose.ICON, out), name);
            assertEquals(ErrorCode.UNSUPPORTED_MEDIA, refused.code(), name);
        }
        DomainException bomb = assertThrows(
                DomainException.class,
                () -> ImageProcessor.process(fixture("bomb-100000x100000.png"), ImagePurpose.ICON, out));
        assertEquals(ErrorCode.TOO_LARGE, bomb.code());
    }

    /** The bomb in a JVM of 256 MB (issue 15): refused there too, so no bitmap was allocated for it. */
    @Test
    void theBombIsRefusedInASmallHeap() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BombCheck.class.getName(),
                        fixture("bomb-100000x100000.png").toString(),
                        out.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the check finished");
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("TOO_LARGE"), printed);
    }

    private static void assertNoMetadata(Path file) throws IOException {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("secret-location"), file + " still holds the marker");
        assertFalse(bytes.contains("Exif"), file + " still has an Exif segment");
        assertFalse(
                bytes.contains("tEXt") || bytes.contains("iTXt") || bytes.contains("zTXt"), file + " has text chunks");
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(ImageProcessorTest.class.getResource("/media/" + name).toURI());
    }

    /** Run in its own JVM by the test above: prints the refusal's code, exits 0 only for TOO_LARGE. */
    public static final class BombCheck {
        public static void main(String[] args) throws IOException {
            try {
                ImageProcessor.process(Path.of(args[0]), ImagePurpose.ICON, Path.of(args[1]));
                System.out.println("accepted");
                System.exit(1);
            } catch (DomainException e) {
                System.out.println(e.code());
                System.exit(e.code() == ErrorCode.TOO_LARGE ? 0 : 2);
            }
        }
    }
}
