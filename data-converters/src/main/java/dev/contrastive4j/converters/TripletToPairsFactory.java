package dev.contrastive4j.converters;

import dev.contrastive4j.spi.ConverterDescriptor;
import dev.contrastive4j.spi.ConverterFactory;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;

/** Creates {@link TripletToPairs}: {@code triplet-to-pairs}, no parameters. */
public final class TripletToPairsFactory implements ConverterFactory {

    private static final ConverterDescriptor DESCRIPTOR = new ConverterDescriptor(TripletToPairs.NAME,
            "(q, p, n1..nk) -> (q, p); drops the negatives", DataFormat.TRIPLET, DataFormat.PAIR, List.of());

    @Override
    public ConverterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TripletToPairs create(ParameterValues parameters) {
        return new TripletToPairs();
    }
}
