package org.lyceum.media.upload;

import java.nio.file.Path;

/** An upload's file as written to a temporary file: the client's name for it, its size and SHA-256 (hex). */
record ReceivedFile(Path path, String name, long size, String sha256) {}
