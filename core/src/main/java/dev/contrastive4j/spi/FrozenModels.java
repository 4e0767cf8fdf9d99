package dev.contrastive4j.spi;

/**
 * Loads frozen models by name, once per run, shared by every loss that names the same model. The core binds it in
 * the plugin injector; a loss factory that needs a guide or a teacher model {@code @Inject}s it:
 * <pre>{@code
 * @Inject
 * public GuidedLossFactory(FrozenModels models) { this.models = models; }
 *
 * public Loss create(ParameterValues values) {
 *     return new GuidedLoss(models.frozen(values.getString("guide")));
 * }
 * }</pre>
 *
 * @since 1.2
 */
public interface FrozenModels {

    /**
     * The frozen model a bundled name ({@code bge-small}, {@code minilm}) or a path (a model folder or an
     * {@code .onnx} file) names, loaded on first use and shared afterwards.
     *
     * @param nameOrPath the model as the user named it
     * @return the model; the installation owns it, do not close it
     * @throws ContrastiveException if the model cannot be found or loaded, with a message that says why
     */
    FrozenModel frozen(String nameOrPath);
}
