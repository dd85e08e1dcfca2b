import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Made the image files beside it, once (they are committed; this is how, for review):
 * java src/test/resources/media/MakeFixtures.java src/test/resources/media
 * Each holds the marker "secret-location" in its metadata where it has any, so a test can tell
 * that the metadata is gone from what Lyceum makes of it.
 *
 * <p>The documents were written by hand: worksheet.pdf (a one-page PDF 1.4), lesson-plan.docx (the
 * three parts a Word document needs), diagram-with-script.svg (a script element and an onload
 * handler) and page-named.pdf (an HTML page with a script, named like a PDF).
 */
public class MakeFixtures {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        byte[] jpeg = encode(picture(800, 600, false), "jpeg");
        Files.write(dir.resolve("photo-exif-gps.jpg"), withExif(jpeg));
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, 300));
        Files.write(dir.resolve("screenshot-gps-text.png"), withText(encode(picture(640, 480, false), "png")));
        Files.write(dir.resolve("transparent.png"), encode(picture(300, 300, true), "png"));
        Files.write(dir.resolve("banner.gif"), encode(picture(1200, 300, false), "gif"));
        Files.write(dir.resolve("bomb-100000x100000.png"), bomb());
        Files.writeString(dir.resolve("page-named.png"), "<!doctype html><html><body><script>alert(1)</script></body></html>\n");
        Files.write(dir.resolve("empty.png"), new byte[0]);
    }

    static BufferedImage picture(int w, int h, boolean alpha) {
        BufferedImage image = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160, alpha ? 40 : 255), w, h, new Color(240, 180, 40)));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** An APP1 Exif segment after SOI: IFD0 with an ImageDescription and a GPS IFD (48° 51' 24" N). */
    static byte[] withExif(byte[] jpeg) {
        byte[] description = "secret-location\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(200);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        int ifd0Entries = 2;
        int gpsIfd = 8 + 2 + ifd0Entries * 12 + 4;
        int gpsEntries = 2;
        int rationals = gpsIfd + 2 + gpsEntries * 12 + 4;
        int text = rationals + 24;
        tiff.putShort((short) ifd0Entries);
        tiff.putShort((short) 0x010E).putShort((short) 2).putInt(description.length).putInt(text);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        tiff.putInt(0);
        tiff.putShort((short) gpsEntries);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(rationals);
        tiff.putInt(0);
        tiff.putInt(48).putInt(1).putInt(51).putInt(1).putInt(2400).putInt(100);
        tiff.put(description);
        byte[] body = Arrays.copyOf(tiff.array(), tiff.position());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + body.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A tEXt chunk with a position, just before IEND. */
    static byte[] withText(byte[] png) {
        byte[] data = "GPSPosition\u000048.8584 N, 2.2945 E secret-location".getBytes(StandardCharsets.ISO_8859_1);
        int iend = png.length - 12;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        out.writeBytes(chunk("tEXt", data));
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    /** A valid PNG whose header claims 100 000 × 100 000 RGB pixels, with one tiny compressed row. */
    static byte[] bomb() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[300_001]);
        deflater.finish();
        byte[] idat = new byte[2_000];
        int n = deflater.deflate(idat);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", Arrays.copyOf(idat, n)));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(name)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }
}
