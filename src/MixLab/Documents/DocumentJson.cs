using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace MixLab.Documents;

/// <summary>
/// One document as one JSON line (DESIGN.md "Data contracts"; the datatrove/dolma shape of curation spec §2.1–2.2):
/// <c>id</c>, <c>text</c>, <c>source</c>, <c>metadata</c>, MixLab's <c>license</c> record and, when non-empty,
/// <c>transformations</c>. Parsing reads UTF-8 bytes with <see cref="Utf8JsonReader"/>; it never throws for bad input
/// but returns a short reason. An id that is missing becomes "file:line"; a numeric id is kept as its text; other
/// top-level fields (dolma's <c>added</c>, <c>created</c>, <c>url</c>, ...) go into metadata.
/// </summary>
public static class DocumentJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// Parses one line (without its newline). Returns false with a reason such as "invalid UTF-8",
    /// "invalid JSON: ...", "missing text" or "text is not a string".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, string fileName, long lineNumber, out Document? document, out string? reason)
    {
        document = null;
        if (!Utf8.IsValid(line)) { reason = "invalid UTF-8"; return false; }
        try
        {
            return TryParseCore(line, fileName, lineNumber, out document, out reason);
        }
        catch (JsonException e)
        {
            reason = "invalid JSON: " + FirstLine(e.Message);
            return false;
        }
        catch (InvalidOperationException e)
        {
            reason = "invalid JSON: " + FirstLine(e.Message);
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<byte> line, string fileName, long lineNumber, out Document? document, out string? reason)
    {
        document = null;
        var reader = new Utf8JsonReader(line, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) { reason = "invalid JSON: not an object"; return false; }

        string? id = null, text = null, source = null;
        bool textSeen = false;
        JsonObject? metadata = null;
        List<KeyValuePair<string, JsonNode?>>? extra = null;
        LicenseRecord? license = null;
        List<string>? transformations = null;

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) break;
            if (reader.TokenType != JsonTokenType.PropertyName) { reason = "invalid JSON"; return false; }
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                textSeen = true;
                if (reader.TokenType != JsonTokenType.String) { reason = "text is not a string"; return false; }
                text = reader.GetString();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) id = reader.GetString();
                else if (reader.TokenType == JsonTokenType.Number) id = Encoding.UTF8.GetString(reader.ValueSpan);
                else if (reader.TokenType != JsonTokenType.Null) AddExtra(ref extra, "id", ReadNode(ref reader, line));
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) source = reader.GetString();
                else if (reader.TokenType != JsonTokenType.Null) AddExtra(ref extra, "source", ReadNode(ref reader, line));
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                var node = ReadNode(ref reader, line);
                if (node is JsonObject o) metadata = o;
                else if (node is not null) AddExtra(ref extra, "metadata", node);
            }
            else if (reader.ValueTextEquals("license"u8))
            {
                reader.Read();
                var node = ReadNode(ref reader, line);
                license = node is JsonObject lo ? LicenseRecordJson.FromNode(lo) : null;
                if (license is null && node is not null) AddExtra(ref extra, "license", node);
            }
            else if (reader.ValueTextEquals("transformations"u8))
            {
                reader.Read();
                var node = ReadNode(ref reader, line);
                if (node is JsonArray arr && arr.All(n => n is JsonValue v && v.TryGetValue<string>(out _)))
                    transformations = arr.Select(n => n!.GetValue<string>()).ToList();
                else if (node is not null) AddExtra(ref extra, "transformations", node);
            }
            else
            {
                var name = reader.GetString()!;
                reader.Read();
                AddExtra(ref extra, name, ReadNode(ref reader, line));
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) { reason = "invalid JSON: unterminated object"; return false; }
        if (reader.Read()) { reason = "invalid JSON: content after the object"; return false; }
        if (!textSeen) { reason = "missing text"; return false; }

        var doc = new Document(id ?? Path.GetFileName(fileName) + ":" + lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), text!)
        {
            Source = source,
            License = license,
            Origin = new DocumentOrigin(fileName, lineNumber),
        };
        if (metadata is not null) doc.Metadata = metadata;
        if (extra is not null)
            foreach (var (k, v) in extra)
                if (!doc.Metadata.ContainsKey(k)) doc.Metadata[k] = v;
        if (transformations is not null) doc.Transformations.AddRange(transformations);
        document = doc;
        reason = null;
        return true;
    }

    private static void AddExtra(ref List<KeyValuePair<string, JsonNode?>>? extra, string name, JsonNode? node) =>
        (extra ??= new()).Add(new(name, node));

    /// <summary>Reads the value the reader is positioned on (after its property name) as a node; skips it in the reader.</summary>
    private static JsonNode? ReadNode(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.String: return JsonValue.Create(reader.GetString());
            case JsonTokenType.True: return JsonValue.Create(true);
            case JsonTokenType.False: return JsonValue.Create(false);
        }
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        int end = (int)reader.BytesConsumed;
        return JsonNode.Parse(line[start..end]);
    }

    private static string FirstLine(string message)
    {
        int i = message.IndexOfAny(['\r', '\n']);
        return i < 0 ? message : message[..i];
    }

    /// <summary>Writes the document as one JSON object (no newline): id, text, source, metadata, license, transformations.</summary>
    public static void Write(Utf8JsonWriter w, Document document)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, document.Id);
        w.WriteString("text"u8, document.Text);
        if (document.Source is null) w.WriteNull("source"u8); else w.WriteString("source"u8, document.Source);
        w.WritePropertyName("metadata"u8);
        document.Metadata.WriteTo(w);
        if (document.License is not null)
        {
            w.WritePropertyName("license"u8);
            LicenseRecordJson.Write(w, document.License);
        }
        if (document.Transformations.Count > 0)
        {
            w.WriteStartArray("transformations"u8);
            foreach (var t in document.Transformations) w.WriteStringValue(t);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>Creates a writer over <paramref name="output"/> with the options used for document lines
    /// (non-ASCII text kept as UTF-8, not escaped).</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, WriterOptions);

    /// <summary>The document as one JSON line without the trailing newline, as UTF-8 bytes.</summary>
    public static byte[] ToUtf8(Document document)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + document.Text.Length);
        using (var w = CreateWriter(buffer)) Write(w, document);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The document as one JSON line without the trailing newline.</summary>
    public static string ToJson(Document document) => Encoding.UTF8.GetString(ToUtf8(document));

    /// <summary>Parses one JSON line given as a string; throws <see cref="FormatException"/> with the reason when it is not a document.</summary>
    public static Document Parse(string json, string fileName = "input", long lineNumber = 1)
    {
        if (!TryParse(Encoding.UTF8.GetBytes(json), fileName, lineNumber, out var d, out var reason)) throw new FormatException(reason);
        return d!;
    }
}
