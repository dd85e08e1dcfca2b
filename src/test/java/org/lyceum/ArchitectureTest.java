package org.lyceum;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.persistence.Entity;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.junit.jupiter.api.Test;
import org.lyceum.database.SqlRow;

/**
 * The boundaries of docs/architecture.md, checked on every build. Plain ArchUnit rules run from
 * JUnit tests (ArchUnit's own JUnit 5 engine finds nothing on the JUnit 6 platform Quarkus brings).
 */
class ArchitectureTest {

    private static final JavaClasses LYCEUM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.lyceum");

    private static final DescribedPredicate<JavaClass> ENTITY_OR_REPOSITORY = DescribedPredicate.describe(
            "an entity or repository",
            c -> c.isAnnotatedWith(Entity.class) || c.isAssignableTo(PanacheRepositoryBase.class));

    /** A feature may use another feature's services and records, never its tables. */
    static final ArchRule features_keep_their_entities_and_repositories_to_themselves = classes()
            .should(new ArchCondition<JavaClass>("use only their own feature's entities and repositories") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass();
                        if (target.getPackageName().startsWith("org.lyceum.")
                                && ENTITY_OR_REPOSITORY.test(target)
                                && !feature(origin).equals(feature(target))) {
                            events.add(SimpleConditionEvent.violated(origin, d.getDescription()));
                        }
                    }
                }
            });

    static final ArchRule graphql_classes_call_services_not_repositories = noClasses()
            .that()
            .areAnnotatedWith(GraphQLApi.class)
            .should()
            .dependOnClassesThat()
            .areAssignableTo(PanacheRepositoryBase.class);

    static final ArchRule entities_carry_no_graphql_annotations = noClasses()
            .that()
            .areAnnotatedWith(Entity.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.microprofile.graphql..");

    /** Walks every type a GraphQL operation takes or returns, through generics and fields. */
    static final ArchRule no_entity_is_a_graphql_type =
            graphqlTypesAreNot("an entity", c -> c.isAnnotatedWith(Entity.class));

    /**
     * Most features read with hand-written SQL now: a GraphQL operation answers with the feature's
     * view records, never with the rows they are read from (SqlRow, or the Vert.x client's Row,
     * RowSet, Tuple), which would put column names and SQL types into the contract.
     */
    static final ArchRule no_database_row_is_a_graphql_type = graphqlTypesAreNot(
            "a database row (SqlRow or a Vert.x SQL client type)",
            c -> c.isAssignableTo(SqlRow.class)
                    || c.getPackageName().startsWith("io.vertx.sqlclient")
                    || c.getPackageName().startsWith("io.vertx.mutiny.sqlclient")
                    || c.getPackageName().startsWith("io.vertx.pgclient")
                    || c.getPackageName().startsWith("io.vertx.mutiny.pgclient"));

    private static ArchRule graphqlTypesAreNot(String what, java.util.function.Predicate<JavaClass> forbidden) {
        return classes()
                .that()
                .areAnnotatedWith(GraphQLApi.class)
                .should(new ArchCondition<JavaClass>("expose no " + what.replaceFirst("^an? ", "") + " in the schema") {
                    @Override
                    public void check(JavaClass api, ConditionEvents events) {
                        for (JavaMethod method : api.getMethods()) {
                            if (!method.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                                continue;
                            }
                            Set<JavaClass> seen = new HashSet<>();
                            walk(method.getReturnType(), seen);
                            method.getParameterTypes().forEach(p -> walk(p, seen));
                            seen.stream()
                                    .filter(forbidden)
                                    .forEach(type -> events.add(SimpleConditionEvent.violated(
                                            method,
                                            method.getFullName() + " exposes " + what + ": " + type.getName())));
                        }
                    }
                });
    }

    /** Wire records and signature code are pure: no database, no CDI, no I/O (STYLE.md). */
    static final ArchRule federation_protocol_and_signatures_stand_alone = noClasses()
            .that()
            .resideInAnyPackage("..federation.protocol..", "..federation.signature..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.lyceum.database..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "io.vertx..",
                    "io.smallrye.mutiny..",
                    "jakarta.ws.rs..");

    @Test
    void federationProtocolAndSignaturesStandAlone() {
        federation_protocol_and_signatures_stand_alone.check(LYCEUM);
    }

    @Test
    void featuresKeepTheirEntitiesAndRepositoriesToThemselves() {
        features_keep_their_entities_and_repositories_to_themselves.check(LYCEUM);
    }

    @Test
    void graphqlClassesCallServicesNotRepositories() {
        graphql_classes_call_services_not_repositories.check(LYCEUM);
    }

    @Test
    void entitiesCarryNoGraphqlAnnotations() {
        entities_carry_no_graphql_annotations.check(LYCEUM);
    }

    @Test
    void noEntityIsAGraphqlType() {
        no_entity_is_a_graphql_type.check(LYCEUM);
    }

    @Test
    void noDatabaseRowIsAGraphqlType() {
        no_database_row_is_a_graphql_type.check(LYCEUM);
    }

    @Test
    void theRulesBiteOnAClassThatBreaksThem() {
        JavaClasses leaky = new ClassFileImporter().importPackages("org.lyceum.archfixture", "org.lyceum.account");
        for (ArchRule rule : new ArchRule[] {
            features_keep_their_entities_and_repositories_to_themselves,
            graphql_classes_call_services_not_repositories,
            no_entity_is_a_graphql_type,
            no_database_row_is_a_graphql_type,
            federation_protocol_and_signatures_stand_alone
        }) {
            org.junit.jupiter.api.Assertions.assertThrows(
                    AssertionError.class, () -> rule.check(leaky), rule.getDescription());
        }
    }

    private static void walk(JavaType type, Set<JavaClass> seen) {
        if (type instanceof JavaParameterizedType parameterized) {
            parameterized.getActualTypeArguments().forEach(argument -> walk(argument, seen));
        }
        JavaClass raw = type.toErasure();
        if (raw.isArray()) {
            raw = raw.getBaseComponentType();
        }
        // Every type is seen (a Vert.x Row too); only Lyceum's own are walked into.
        if (!seen.add(raw) || !raw.getPackageName().startsWith("org.lyceum")) {
            return;
        }
        for (JavaField field : raw.getAllFields()) {
            if (!field.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)) {
                walk(field.getType(), seen);
            }
        }
    }

    private static String feature(JavaClass c) {
        String rest = c.getPackageName().substring("org.lyceum.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
