using MixLab.Curation.Dedup;
using MixLab.Curation.Licensing;
using MixLab.Curation.Pipeline;
using MixLab.Curation.Quality;
using MixLab.Curation.Safety;

namespace MixLab.Curation;

/// <summary>Every step MixLab ships, by the name used in configs and presets (docs/curate.md lists them with their options).</summary>
public static class BuiltInSteps
{
    public static StepRegistry Create() => new StepRegistry()
        .Add<LicensingOptions>("licensing", o => new LicensingStep(o),
            "licence tier, SPDX and evidence from metadata, URL allow-lists and text notices; drops tiers the policy does not keep")
        .Add<ExactDedupOptions>(CurationRunner.DedupStepName, o => new ExactDedupStep(o),
            "exact dedup on normalised text (xxHash64); global across tasks, keeps the first copy in input order")
        .Add<MvSentenceDedupOptions>("mv_sentence_dedup", o => new MvSentenceDedupStep(o),
            "MixtureVitae's seen-sentence rule (order dependent, within each input file)")
        .Add<FlaggedWordsOptions>("flagged_words", o => new FlaggedWordsStep(o),
            "MixtureVitae's flagged, minor and hate word ratios on every source")
        .Add<PiiOptions>("pii", o => new PiiRedactionStep(o),
            "redacts e-mail addresses, public IPv4/IPv6 addresses and phone numbers")
        .Add<SecretsOptions>("secrets", o => new SecretsStep(o),
            "redacts (or drops) private keys, cloud and API tokens in code")
        .Add<GopherQualityOptions>("gopher_quality", o => new GopherQualityFilter(o),
            "Gopher quality rules with datatrove's defaults (word counts and lengths, symbols, bullets, ellipses, alphabetic words, stop words)")
        .Add<GopherRepetitionOptions>("gopher_repetition", o => new GopherRepetitionFilter(o),
            "Gopher repetition rules (duplicate lines and paragraphs, top n-grams, duplicated n-grams)")
        .Add<C4QualityOptions>("c4_quality", o => new C4QualityFilter(o),
            "C4 line and document rules; rewrites kept text as datatrove does")
        .Add<FineWebQualityOptions>("fineweb_quality", o => new FineWebQualityFilter(o),
            "FineWeb's line punctuation, short lines, duplicated characters and list ratio");
}
