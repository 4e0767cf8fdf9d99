package dev.contrastive4j.encoder;

/** The file and folder names of a sentence-transformers model folder. */
final class ModelFolderFiles {

    static final String MODULES = "modules.json";
    static final String SENTENCE_TRANSFORMERS_CONFIG = "config_sentence_transformers.json";
    static final String SENTENCE_BERT_CONFIG = "sentence_bert_config.json";
    static final String CONFIG = "config.json";
    static final String SAFETENSORS = "model.safetensors";
    static final String PICKLED_WEIGHTS = "pytorch_model.bin";
    static final String TOKENIZER = "tokenizer.json";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    static final String VOCAB = "vocab.txt";
    static final String POOLING_FOLDER = "1_Pooling";
    static final String NORMALIZE_FOLDER = "2_Normalize";

    static final String TRANSFORMER_MODULE = "sentence_transformers.models.Transformer";
    static final String POOLING_MODULE = "sentence_transformers.models.Pooling";
    static final String NORMALIZE_MODULE = "sentence_transformers.models.Normalize";

    private ModelFolderFiles() {}
}
