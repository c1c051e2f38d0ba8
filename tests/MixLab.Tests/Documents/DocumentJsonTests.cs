using System.Text;
using System.Text.Json.Nodes;
using MixLab.Documents;

namespace MixLab.Tests.Documents;

public sealed class DocumentJsonTests
{
    internal static Document Sample(string id = "doc-1", string text = "Grüße, 世界! \"quoted\"\nline two\t😀")
    {
        var d = new Document(id, text)
        {
            Source = "debian/python3.11-doc",
            Metadata = new JsonObject { ["url"] = "https://example.org/a?b=1", ["n"] = 3, ["nested"] = new JsonObject { ["k"] = new JsonArray(1, "x", null) } },
            License = new LicenseRecord("MIT OR Apache-2.0", LicenseTier.Permissive,
                [new LicenseEvidence("text", 10, 25, "MIT License", null, "MIT"), new LicenseEvidence("metadata", -1, -1, "Apache-2.0", "license", "Apache-2.0")],
                0.875, Disagreement: true),
        };
        d.Transformations.Add("pii-redaction");
        d.Transformations.Add("c4-line-rewrite");
        return d;
    }

    internal static void AssertSame(Document expected, Document actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Source, actual.Source);
        Assert.True(JsonNode.DeepEquals(expected.Metadata, actual.Metadata), $"metadata {expected.Metadata.ToJsonString()} vs {actual.Metadata.ToJsonString()}");
        Assert.Equal(expected.Transformations, actual.Transformations);
        if (expected.License is null) { Assert.Null(actual.License); return; }
        Assert.NotNull(actual.License);
        Assert.Equal(expected.License.Spdx, actual.License!.Spdx);
        Assert.Equal(expected.License.Tier, actual.License.Tier);
        Assert.Equal(expected.License.Confidence, actual.License.Confidence);
        Assert.Equal(expected.License.Disagreement, actual.License.Disagreement);
        Assert.Equal(expected.License.Evidence, actual.License.Evidence);
    }

    [Fact]
    public void RoundTrip_KeepsAllFields_UnicodeAndLicenseRecord()
    {
        var d = Sample();
        var json = DocumentJson.ToJson(d);
        Assert.DoesNotContain('\n', json);
        Assert.Contains("世界", json); // non-ASCII text is written as UTF-8, not escaped
        Assert.Contains("\"tier\":\"permissive\"", json);
        var back = DocumentJson.Parse(json, "f.jsonl", 7);
        AssertSame(d, back);
        Assert.Equal(new DocumentOrigin("f.jsonl", 7), back.Origin);
    }

    [Fact]
    public void DocumentWithoutLicenseOrTransformations_OmitsThem_AndWritesNullSource()
    {
        var d = new Document("a", "b");
        var json = DocumentJson.ToJson(d);
        Assert.Equal("{\"id\":\"a\",\"text\":\"b\",\"source\":null,\"metadata\":{}}", json);
        AssertSame(d, DocumentJson.Parse(json));
    }

    [Fact]
    public void NumericId_IsKeptAsText_MissingId_IsFileColonLine()
    {
        Assert.Equal("12345", DocumentJson.Parse("{\"id\": 12345, \"text\": \"x\"}").Id);
        Assert.Equal("1.5e3", DocumentJson.Parse("{\"id\": 1.5e3, \"text\": \"x\"}").Id);
        Assert.Equal("part-3.jsonl:42", DocumentJson.Parse("{\"text\": \"x\"}", "/data/in/part-3.jsonl", 42).Id);
    }

    [Fact]
    public void DolmaTopLevelFields_GoIntoMetadata_WithoutOverwritingMetadataObject()
    {
        var d = DocumentJson.Parse("{\"added\":\"2024-01-01\",\"id\":\"x\",\"text\":\"t\",\"source\":\"wiki\",\"created\":\"2020\",\"attributes\":{\"a\":[[0,1,0.5]]},\"metadata\":{\"url\":\"u\",\"added\":\"keep\"},\"version\":2}");
        Assert.Equal("wiki", d.Source);
        Assert.Equal("u", (string?)d.Metadata["url"]);
        Assert.Equal("keep", (string?)d.Metadata["added"]); // the metadata object wins over a top-level duplicate
        Assert.Equal("2020", (string?)d.Metadata["created"]);
        Assert.Equal(2, (int)d.Metadata["version"]!);
        Assert.Equal(0.5, (double)d.Metadata["attributes"]!["a"]![0]![2]!);
    }

    [Fact]
    public void LicenseThatIsNotARecord_IsKeptInMetadata()
    {
        var d = DocumentJson.Parse("{\"text\":\"t\",\"license\":\"MIT\"}");
        Assert.Null(d.License);
        Assert.Equal("MIT", (string?)d.Metadata["license"]);
        var e = DocumentJson.Parse("{\"text\":\"t\",\"license\":{\"name\":\"MIT\"}}");
        Assert.Null(e.License);
        Assert.Equal("MIT", (string?)e.Metadata["license"]!["name"]);
    }

    [Theory]
    [InlineData("{\"id\":\"a\"}", "missing text")]
    [InlineData("{\"id\":\"a\",\"text\":5}", "text is not a string")]
    [InlineData("{\"id\":\"a\",\"text\":null}", "text is not a string")]
    [InlineData("{\"id\":\"a\",\"text\":\"x\"", "invalid JSON")]
    [InlineData("{\"id\":\"a\",\"text\":\"x\"} {}", "invalid JSON")]
    [InlineData("[1,2]", "invalid JSON")]
    [InlineData("not json", "invalid JSON")]
    public void BadLines_ReturnAReason_AndDoNotThrow(string line, string reasonStart)
    {
        Assert.False(DocumentJson.TryParse(Encoding.UTF8.GetBytes(line), "f", 1, out var d, out var reason));
        Assert.Null(d);
        Assert.StartsWith(reasonStart, reason);
    }

    [Fact]
    public void InvalidUtf8_IsRejected()
    {
        byte[] line = [.. "{\"text\":\"ab"u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.False(DocumentJson.TryParse(line, "f", 1, out _, out var reason));
        Assert.Equal("invalid UTF-8", reason);
    }

    [Fact]
    public void LoneSurrogateInText_IsWrittenAsReplacementCharacter_NotAnError()
    {
        var back = DocumentJson.Parse(DocumentJson.ToJson(new Document("a", "x\uD800y")));
        Assert.Equal("x\uFFFDy", back.Text);
    }
}
