using System.Text.Json.Nodes;
using MixLab.Curation;
using MixLab.Curation.Licensing;
using MixLab.Curation.Pipeline;
using MixLab.Curation.Safety;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Pipeline;

public sealed class StepRegistryTests
{
    private static readonly StepRegistry Registry = BuiltInSteps.Create();

    private static StepSpec Spec(string name, string options) => new(name, (JsonObject)JsonNode.Parse(options)!, "p.yaml", 3);

    [Fact]
    public void Snake_case_options_bind_including_ip_names()
    {
        var options = StepRegistry.BindOptions<PiiOptions>(Spec("pii", """{"redact_ipv4": false, "ipv6_replacements": ["2001:db8::9"]}"""));
        Assert.False(options.RedactIPv4);
        Assert.Equal(["2001:db8::9"], options.IPv6Replacements);
        var step = Registry.Build(Spec("pii", """{"redact_ipv4": false}"""));
        var doc = new Document("a", "server 8.8.4.4 and mail bob@example-mail.com");
        step.Process(doc);
        Assert.Contains("8.8.4.4", doc.Text);
        Assert.DoesNotContain("bob@example-mail.com", doc.Text);
    }

    [Fact]
    public void Unknown_option_and_wrong_type_name_the_place_and_option()
    {
        var unknown = Assert.Throws<CurationConfigException>(() => Registry.Build(Spec("gopher_quality", """{"min_doc_wordz": 3}""")));
        Assert.Equal("p.yaml:3: step 'gopher_quality': unknown option 'min_doc_wordz'", unknown.Message);
        var type = Assert.Throws<CurationConfigException>(() => Registry.Build(Spec("gopher_quality", """{"min_doc_words": "many"}""")));
        Assert.StartsWith("p.yaml:3: step 'gopher_quality': option 'min_doc_words'", type.Message);
    }

    [Fact]
    public void A_missing_word_list_file_is_a_config_error_naming_the_step()
    {
        var e = Assert.Throws<CurationConfigException>(() => Registry.Build(Spec("flagged_words", """{"flagged_words_file": "/nonexistent/words.txt"}""")));
        Assert.StartsWith("p.yaml:3: step 'flagged_words':", e.Message);
    }

    [Fact]
    public void Conditions_with_unknown_fields_are_refused()
    {
        var e = Assert.Throws<CurationConfigException>(() => Registry.Build(Spec("pii", """{"skip_if": {"domain": ["code"]}}""")));
        Assert.Contains("unknown field 'domain'", e.Message);
    }

    [Fact]
    public void Skip_if_passes_matching_documents_through_and_counts_them()
    {
        var step = Registry.Build(Spec("gopher_quality", """{"skip_if": {"metadata.domain": ["code"]}}"""));
        var code = new Document("c", "x = 1") { Metadata = new JsonObject { ["domain"] = "code" } };
        var prose = new Document("p", "too short");
        Assert.True(step.Process(code).Keep);
        Assert.Equal("gopher_short_doc", step.Process(prose).Reason);
        Assert.Equal(1, step.Stats["skipped_by_condition"]);
    }

    [Fact]
    public void Keep_licenses_keeps_named_licences_outside_the_kept_tiers()
    {
        var text = "A paragraph of text.\nThis work is licensed under CC BY-SA 4.0: https://creativecommons.org/licenses/by-sa/4.0/";
        var strict = Registry.Build(Spec("licensing", "{}"));
        Assert.Equal("license_copyleft", strict.Process(new Document("a", text)).Reason);
        var shareAlike = Registry.Build(Spec("licensing", """{"keep_licenses": ["CC-BY-SA-*"]}"""));
        var doc = new Document("b", text);
        Assert.True(shareAlike.Process(doc).Keep);
        Assert.Equal(LicenseTier.Copyleft, doc.License!.Tier);
        var gpl = new Document("c", "// SPDX-License-Identifier: GPL-3.0-only\nint main() { return 0; }");
        Assert.False(shareAlike.Process(gpl).Keep);
    }

    [Fact]
    public void License_ref_tiers_classify_references_mixlab_cannot_know()
    {
        var doc = () => new Document("w", "gloss text") { Metadata = new JsonObject { ["license"] = "LicenseRef-WordNet-3.0" } };
        var plain = Registry.Build(Spec("licensing", "{}"));
        Assert.Equal("license_unknown", plain.Process(doc()).Reason);
        var mapped = Registry.Build(Spec("licensing", """{"license_ref_tiers": {"LicenseRef-WordNet-3.0": "permissive"}}"""));
        var d = doc();
        Assert.True(mapped.Process(d).Keep);
        Assert.Equal(LicenseTier.Permissive, d.License!.Tier);
        var bad = Assert.Throws<CurationConfigException>(() => Registry.Build(Spec("licensing", """{"license_ref_tiers": {"LicenseRef-x": "free"}}""")));
        Assert.Contains("'free'", bad.Message);
    }

    [Fact]
    public void Exact_dedup_refuses_conditions_because_it_is_global()
    {
        var dir = Directory.CreateTempSubdirectory("mixlab-runner-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "in.jsonl"), "{\"id\": \"a\", \"text\": \"hello\"}\n");
            var config = new PipelineConfig([Spec("exact_dedup", """{"only_if": {"source": "x"}}""")]);
            var e = Assert.Throws<CurationConfigException>(() => new CurationRunner(new CurationRunOptions([Path.Combine(dir, "in.jsonl")], Path.Combine(dir, "out"), config), Registry));
            Assert.StartsWith("p.yaml:3: step 'exact_dedup': only_if/skip_if are not supported", e.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
