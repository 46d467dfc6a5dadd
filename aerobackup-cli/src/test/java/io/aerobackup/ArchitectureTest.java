package io.aerobackup;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the product code (tests may use anything): the command line on top, the jobs
 * and their runners below it, the embedded server beside everything as a separate program that
 * only the CLI's server and demo commands start.
 */
@AnalyzeClasses(packages = "io.aerobackup", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every package depends on others in one direction only. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.aerobackup.(**)").should().beFreeOfCycles();

    /** Options are plain configuration that the CLI fills: nothing below it knows the CLI or picocli. */
    @ArchTest
    static final ArchRule onlyTheCommandLineUsesTheCommandLine = noClasses()
            .that().resideOutsideOfPackages("io.aerobackup.cli..", "io.aerobackup.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("io.aerobackup.cli..", "picocli..");

    /** The job jar that {@code flink run} starts reads its arguments without picocli. */
    @ArchTest
    static final ArchRule flinkRunEntryPointsNeedNoPicocli = noClasses()
            .that().haveFullyQualifiedName("io.aerobackup.job.BackupJob")
            .or().haveFullyQualifiedName("io.aerobackup.job.RestoreJob")
            .should().transitivelyDependOnClassesThat().resideInAnyPackage("io.aerobackup.cli..", "picocli..");

    /** The embedded server speaks the wire protocol on its own: no Aerospike client, no product code. */
    @ArchTest
    static final ArchRule embeddedServerStandsAlone = noClasses()
            .that().resideInAPackage("io.aerobackup.embedded..")
            .should().dependOnClassesThat().resideInAPackage("com.aerospike.client..")
            .orShould().dependOnClassesThat(resideInAPackage("io.aerobackup..")
                    .and(resideOutsideOfPackage("io.aerobackup.embedded..")));

    /** The product never runs against the embedded server; only the server and demo commands start it. */
    @ArchTest
    static final ArchRule productDoesNotUseTheEmbeddedServer = noClasses()
            .that().resideOutsideOfPackage("io.aerobackup.embedded..")
            .and().doNotHaveFullyQualifiedName("io.aerobackup.cli.ServerCommand")
            .and().doNotHaveFullyQualifiedName("io.aerobackup.cli.DemoCommand")
            .should().dependOnClassesThat().resideInAPackage("io.aerobackup.embedded..");

    /**
     * The job jar that clusters run (aerobackup-flink with aerobackup-format) holds neither the embedded
     * server nor the command line: no class of theirs is compiled into those modules. (That no dependency
     * brings them, or picocli, there is the enforcer rule's part, in aerobackup-flink/pom.xml.)
     */
    @ArchTest
    static final ArchRule theJobJarHoldsNoServerAndNoCommandLine = noClasses()
            .that(areCompiledInto("aerobackup-flink", "aerobackup-format"))
            .should().resideInAnyPackage("io.aerobackup.embedded..", "io.aerobackup.cli..", "io.aerobackup.demo..");

    /** Classes whose class file lies in one of these modules (their target/classes or their jar). */
    private static DescribedPredicate<JavaClass> areCompiledInto(String... modules) {
        List<String> folders = List.of(modules).stream().map(module -> "/" + module + "/").toList();
        return DescribedPredicate.describe("are compiled into " + String.join(" or ", modules),
                type -> type.getSource().map(source -> source.getUri().toString())
                        .filter(uri -> folders.stream().anyMatch(uri::contains)).isPresent());
    }
}
