package org.lyceum.media.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * An upload's type from its bytes (Tika's magic and XML root detection), never from what the client
 * says. The file name may only narrow what the bytes showed: a ZIP named {@code .docx} is a Word
 * document when its content is an Office container, but an HTML page named {@code .pdf} stays HTML,
 * and bytes nothing recognises stay unknown whatever their name.
 */
final class ContentTypes {

    static final String UNKNOWN = MediaType.OCTET_STREAM.toString();
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();

    private ContentTypes() {}

    /** Blocking: reads the file's head. {@link #UNKNOWN} when the bytes are not recognised. */
    static String detect(Path file, String name) throws IOException {
        // Magic needs only the head: read once, asked twice.
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(Math.max(TYPES.getMinLength(), 64 * 1024));
        }
        MediaType byContent = detect(head, new Metadata());
        if (MediaType.OCTET_STREAM.equals(byContent)) {
            return UNKNOWN;
        }
        Metadata named = new Metadata();
        named.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        MediaType byName = detect(head, named);
        MediaType chosen = REGISTRY.isSpecializationOf(byName, byContent) ? byName : byContent;
        return chosen.getBaseType().toString();
    }

    private static MediaType detect(byte[] head, Metadata metadata) throws IOException {
        return TYPES.detect(new ByteArrayInputStream(head), metadata);
    }
}
