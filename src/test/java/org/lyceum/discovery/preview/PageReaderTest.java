package org.lyceum.discovery.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Licence and language codes, and what the reader makes of unusual pages, without a server. */
class PageReaderTest {

    @Test
    void creativeCommonsUrlsHaveSpdxCodes() {
        assertEquals("CC-BY-SA-4.0", Licences.spdx("https://creativecommons.org/licenses/by-sa/4.0/"));
        assertEquals("CC-BY-4.0", Licences.spdx("http://creativecommons.org/licenses/by/4.0"));
        assertEquals("CC-BY-NC-ND-3.0", Licences.spdx("https://creativecommons.org/licenses/by-nc-nd/3.0/deed.fr"));
        assertEquals("CC-BY-NC-SA-4.0", Licences.spdx("https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode"));
        assertEquals("CC-BY-2.5", Licences.spdx("https://www.creativecommons.org/licenses/by/2.5/"));
        assertEquals("CC0-1.0", Licences.spdx("https://creativecommons.org/publicdomain/zero/1.0/"));
        assertEquals("MIT", Licences.spdx("https://spdx.org/licenses/MIT.html"));
        assertNull(Licences.spdx("https://creativecommons.org/licenses/by/3.0/de/"), "ported");
        assertNull(Licences.spdx("https://creativecommons.org/licenses/by/9.0/"));
        assertNull(Licences.spdx("https://example.org/licence"));
    }

    @Test
    void languagesHaveIso6391Codes() {
        assertEquals("en", Languages.iso6391("en-US"));
        assertEquals("fr", Languages.iso6391("fr_FR"));
        assertEquals("de", Languages.iso6391("DE"));
        assertEquals("de", Languages.iso6391("deu"));
        assertEquals("fr", Languages.iso6391("fre"));
        assertEquals("he", Languages.iso6391("iw"));
        assertEquals("nl", Languages.iso6391("nl, en"));
        assertNull(Languages.iso6391("x-klingon"));
        assertNull(Languages.iso6391("zz"));
        assertNull(Languages.iso6391(""));
    }

    @Test
    void relativeImagesFollowTheBaseAndOddLicencesAreKeptAsGiven() {
        String html = "<html><head><base href=\"https://cdn.example/assets/\">"
                + "<meta name=\"og:image\" content=\"cover.png\">"
                + "<meta property=\"twitter:image\" content=\"javascript:alert(1)\">"
                + "<meta http-equiv=\"Content-Language\" content=\"pt-BR\">"
                + "<script type=\"application/ld+json\">{not json</script>"
                + "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebPage\","
                + " \"license\": {\"@id\": \"https://example.org/our-licence\"}}]}</script>"
                + "</head><body><a rel=\"nofollow\" href=\"/x\">x</a></body></html>";
        WebMetadata m = PageReader.read(
                URI.create("https://site.example/a/page"), "text/html", null, html.getBytes(StandardCharsets.UTF_8));
        assertEquals("https://cdn.example/assets/cover.png", m.imageUrl());
        assertEquals("pt", m.language());
        assertEquals("https://example.org/our-licence", m.licence());
        assertNull(m.title());
    }

    @Test
    void aCutPageInItsOwnCharsetStillReads() {
        byte[] page = "<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9 cr\u00e8me</title></head><body>"
                .getBytes(StandardCharsets.ISO_8859_1);
        WebMetadata m = PageReader.read(URI.create("https://site.example/"), "text/html", null, page);
        assertEquals("Caf\u00e9 cr\u00e8me", m.title());
        WebMetadata declared = PageReader.read(
                URI.create("https://site.example/"),
                "text/html",
                "bogus-charset!",
                "<title>ok".getBytes(StandardCharsets.UTF_8));
        assertEquals("ok", declared.title());
    }
}
