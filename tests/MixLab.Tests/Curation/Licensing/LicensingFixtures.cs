using MixLab.Documents;

namespace MixLab.Tests.Curation.Licensing;

internal static class LicensingFixtures
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Curation", "Licensing", "Fixtures", name));

    public static Document Doc(string text, string? url = null)
    {
        var d = new Document("t", text);
        if (url is not null) d.Metadata["url"] = url;
        return d;
    }
}
