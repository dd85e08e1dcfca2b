package org.lyceum.archfixture.federation.protocol;

import org.lyceum.database.Sql;

/** Breaks the rule that wire records stand alone: it holds a database gateway. For ArchitectureTest only. */
public record LeakyRecord(Sql sql) {}
