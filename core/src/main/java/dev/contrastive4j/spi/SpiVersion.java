package dev.contrastive4j.spi;

/**
 * The version of this SPI, and how a plugin jar says which version it was compiled against.
 *
 * <p>A plugin jar declares the SPI version in its manifest, under {@link #MANIFEST_ATTRIBUTE}; with Maven:
 * <pre>{@code
 * <plugin>
 *   <artifactId>maven-jar-plugin</artifactId>
 *   <configuration>
 *     <archive>
 *       <manifestEntries>
 *         <Contrastive4j-Spi-Version>1.0</Contrastive4j-Spi-Version>
 *       </manifestEntries>
 *     </archive>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>Versions are {@code MAJOR.MINOR}. A minor release only adds to the SPI, so a plugin built against
 * {@code 1.0} runs on every {@code 1.x}; a major release may change or remove types, so a plugin built for
 * another major version is refused (reported and skipped, the other plugins still load), and so is a plugin
 * built against a newer minor version than the running core provides. A jar without the attribute is loaded
 * as it is: its compatibility is unknown.
 */
public final class SpiVersion {

    /**
     * The SPI version of this core, {@code MAJOR.MINOR}. 1.1 added list parameters
     * ({@link ParameterType#INTEGER_LIST}); 1.2 builds {@link LossDescriptor} and {@link ParameterSpec} with builders
     * (their positional constructors remain, deprecated, so that plugins compiled against 1.0 or 1.1 still run) and
     * adds {@link FrozenModels}, through which a loss loads a guide or teacher model, {@link GradCache}, the one
     * gradient-caching helper, and {@link GraphScalars#of(ai.djl.ndarray.NDManager, double,
     * ai.djl.ndarray.types.DataType)}; 1.3 adds a teacher's margins to {@link Triplet} ({@link Triplet#margins()},
     * the three-text constructors remain) and carries them in {@link Batch#scores()} ({@link Batch#margins()}).
     */
    public static final String CURRENT = "1.3";

    /** The jar manifest attribute in which a plugin names the SPI version it was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Contrastive4j-Spi-Version";

    private SpiVersion() {
    }
}
