package org.lyceum.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;

class UsernameTest {

    @Test
    void normalisesToLowerCase() {
        assertEquals("jane.doe", Username.fromClaim(" Jane.Doe "));
    }

    @Test
    void acceptsLettersDigitsUnderscoresAndInnerDotsOrHyphens() {
        for (String ok : new String[] {"abc", "jane_doe", "jane.doe", "jane-doe", "a1b2c3", "x".repeat(30)}) {
            assertNull(Username.problem(ok), ok);
        }
    }

    @Test
    void refusesBadShapesLengthsAndReservedNames() {
        for (String bad : new String[] {
            "ab",
            "x".repeat(31),
            ".jane",
            "jane.",
            "ja..ne",
            "jane doe",
            "jane@school.example",
            "jäne",
            "admin",
            "instance",
            "lyceum"
        }) {
            assertNotNull(Username.problem(bad), bad);
        }
    }

    @Test
    void aMissingOrInvalidClaimIsInvalidInputNamingTheClaim() {
        DomainException missing = assertThrows(DomainException.class, () -> Username.fromClaim(null));
        assertEquals(ErrorCode.INVALID_INPUT, missing.code());
        assertEquals("preferred_username", missing.field());
        DomainException reserved = assertThrows(DomainException.class, () -> Username.fromClaim("Admin"));
        assertEquals("preferred_username", reserved.field());
    }
}
