package org.lyceum.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BaseUrlCheckTest {

    @Test
    void acceptsAnOriginWithOptionalPort() {
        assertNull(BaseUrlCheck.problem("https://lyceum.school.example"));
        assertNull(BaseUrlCheck.problem("http://localhost:8080"));
    }

    @Test
    void refusesWhatWouldMintBrokenIds() {
        assertEquals("must not have a path (not even a trailing slash)", BaseUrlCheck.problem("https://a.example/"));
        assertNotNull(BaseUrlCheck.problem("https://a.example/lyceum"));
        assertNotNull(BaseUrlCheck.problem("ftp://a.example"));
        assertNotNull(BaseUrlCheck.problem("a.example"));
        assertNotNull(BaseUrlCheck.problem("https://a.example?x=1"));
        assertNotNull(BaseUrlCheck.problem("https://user@a.example"));
        assertNotNull(BaseUrlCheck.problem("not a url"));
    }
}
