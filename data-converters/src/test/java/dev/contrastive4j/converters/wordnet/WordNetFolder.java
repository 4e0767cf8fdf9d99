package dev.contrastive4j.converters.wordnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a tiny WordNet database folder (the four data files, each with a license header) for tests. */
final class WordNetFolder {

    static final List<String> LICENSE = List.of(
            "This software and database is being provided to you, the LICENSEE, by",
            "",
            "WordNet 3.1 Copyright 2011 by Princeton University.  All rights reserved.");

    private static final String HEADER = "  1 " + LICENSE.get(0) + "  \n  2   \n  3 " + LICENSE.get(2) + "  \n";

    private WordNetFolder() {}

    static Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        write(folder, "data.noun",
                "00000001 05 n 01 bank 0 000 | sloping land beside a body of water;"
                        + " \"they pulled the canoe up on the bank\"  ",
                "00000002 05 n 02 bank 0 depository_financial_institution 0 000"
                        + " | a financial institution that accepts deposits; \"he cashed a check at the bank\"  ");
        write(folder, "data.verb",
                "00000003 40 v 01 bank 0 000 01 + 02 00 | do business with a bank;"
                        + " \"Where do you bank in this town?\"  ");
        write(folder, "data.adj",
                "00000010 00 a 01 hot(a) 0 001 ! 00000011 a 0101 | used of physical heat; \"a hot stove\"  ",
                "00000011 00 a 01 cold 0 001 ! 00000010 a 0101 | having a low temperature; \"a cold day\"  ");
        write(folder, "data.adv",
                "00000040 02 r 01 hereby 0 000 | by means of this; \"I hereby declare you man and wife\"  ");
        return folder;
    }

    private static void write(Path folder, String fileName, String... synsetLines) throws IOException {
        Files.writeString(folder.resolve(fileName), HEADER + String.join("\n", synsetLines) + "\n",
                StandardCharsets.UTF_8);
    }
}
