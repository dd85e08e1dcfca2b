package org.lyceum.media.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4Test {

    /**
     * The GET Object example of AWS's S3 API reference ("Signature Calculations for the
     * Authorization Header: Transferring Payload in a Single Chunk"): its published credentials,
     * request and signature.
     */
    @Test
    void signsAwsPublishedExample() {
        SigV4 signer = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
        Map<String, String> headers = signer.sign(
                "GET",
                URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                Map.of("Range", "bytes=0-9"),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ZonedDateTime.parse("2013-05-24T00:00:00Z"));
        assertEquals("20130524T000000Z", headers.get("x-amz-date"));
        assertEquals(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
                headers.get("Authorization"));
    }

    @Test
    void keySegmentsAreEncodedAsS3Wants() {
        assertEquals("a-b_c.d~e", SigV4.encode("a-b_c.d~e"));
        assertEquals("caf%C3%A9%20%2B%2F", SigV4.encode("café +/"));
    }
}
