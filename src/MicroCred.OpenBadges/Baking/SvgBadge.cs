using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MicroCred.OpenBadges.Baking;

/// <summary>
/// Bakes Open Badges data into SVG images and reads it back (Open Badges Baking Specification 1.0):
/// an <c>&lt;openbadges:assertion verify="…"&gt;</c> element in namespace <c>http://openbadges.org</c>
/// as the first child of the root <c>&lt;svg&gt;</c>. XML is parsed with DTDs prohibited and no resolver,
/// so entity expansion and external entities (XXE) are refused.
/// </summary>
public static class SvgBadge
{
    public const string Namespace = "http://openbadges.org";
    public const string Prefix = "openbadges";
    private static readonly XNamespace Ob = Namespace;
    private static readonly XName AssertionElement = Ob + "assertion";

    /// <summary>Bakes a hosted assertion: <c>verify</c> is its URL, the element holds its JSON in CDATA.</summary>
    public static byte[] BakeHosted(ReadOnlySpan<byte> svg, string assertionUrl, string assertionJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assertionUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(assertionJson);
        return Bake(svg, new XElement(AssertionElement, new XAttribute("verify", assertionUrl), CData(assertionJson)));
    }

    /// <summary>Bakes a signed assertion: <c>verify</c> is the compact JWS and the element is empty.</summary>
    public static byte[] BakeSigned(ReadOnlySpan<byte> svg, string jws)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jws);
        return Bake(svg, new XElement(AssertionElement, new XAttribute("verify", jws.Trim())));
    }

    /// <inheritdoc cref="BakeHosted(ReadOnlySpan{byte}, string, string)"/>
    public static byte[] BakeHosted(Stream svg, string assertionUrl, string assertionJson) => BakeHosted(ImageInput.ReadAll(svg), assertionUrl, assertionJson);

    /// <inheritdoc cref="BakeSigned(ReadOnlySpan{byte}, string)"/>
    public static byte[] BakeSigned(Stream svg, string jws) => BakeSigned(ImageInput.ReadAll(svg), jws);

    /// <summary>
    /// The first <c>openbadges:assertion</c> element's data: its JSON body when it has one (with the
    /// <c>verify</c> attribute kept alongside), otherwise its <c>verify</c> attribute (a JWS or a URL).
    /// Null when the SVG is valid but not baked.
    /// </summary>
    /// <exception cref="BadgeImageException">Not an SVG, not well-formed, declares a DTD, or a malformed assertion element.</exception>
    public static BakedPayload? Extract(ReadOnlySpan<byte> svg)
    {
        var element = Load(svg).Descendants(AssertionElement).FirstOrDefault();
        if (element is null) return null;

        var verify = element.Attribute("verify")?.Value.Trim();
        var body = element.Value.Trim();
        if (body.Length > 0) return new BakedPayload(BakedPayloadKind.AssertionJson, body, string.IsNullOrEmpty(verify) ? null : verify);
        if (string.IsNullOrEmpty(verify)) throw new BadgeImageException("The SVG's openbadges:assertion element has neither a verify attribute nor an assertion body.");
        return BakedPayload.Classify(verify) with { VerifyAttribute = verify };
    }

    /// <inheritdoc cref="Extract(ReadOnlySpan{byte})"/>
    public static BakedPayload? Extract(Stream svg) => Extract(ImageInput.ReadAll(svg));

    private static byte[] Bake(ReadOnlySpan<byte> svg, XElement assertion)
    {
        var document = Load(svg);
        var root = document.Root!;
        var declared = root.Attribute(XNamespace.Xmlns + Prefix);
        if (declared is not null && declared.Value != Namespace)
        {
            throw new BadgeImageException($"The SVG already binds the prefix '{Prefix}' to '{declared.Value}', not to {Namespace}.");
        }

        // "MUST be only one" openbadges:assertion: drop any earlier bake before adding ours.
        foreach (var old in document.Descendants(AssertionElement).ToList()) old.Remove();
        root.SetAttributeValue(XNamespace.Xmlns + Prefix, Namespace);
        root.AddFirst(assertion);

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            OmitXmlDeclaration = document.Declaration is null,
            Indent = false,
            NewLineHandling = NewLineHandling.None,
        };
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, settings)) document.Save(writer);
        return output.ToArray();
    }

    private static XDocument Load(ReadOnlySpan<byte> svg)
    {
        ImageInput.RequireSize(svg);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = BadgeImageSniffer.MaxImageBytes,
            CloseInput = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(svg.ToArray()), settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            var why = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "it declares a DTD, which is refused for safety (entities and external references are not processed)"
                : "it is not well-formed XML";
            throw new BadgeImageException($"This SVG cannot be read: {why}. ({ex.Message})", ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "svg" || (root.Name.NamespaceName is not ("http://www.w3.org/2000/svg" or "")))
        {
            throw new BadgeImageException("This is not an SVG image: its root element is not <svg>.");
        }
        return document;
    }

    // A CDATA section cannot contain "]]>"; split the text so each section ends before it.
    private static XCData[] CData(string text)
    {
        var sections = new List<XCData>();
        var start = 0;
        int end;
        while ((end = text.IndexOf("]]>", start, StringComparison.Ordinal)) >= 0)
        {
            sections.Add(new XCData(text[start..(end + 2)]));
            start = end + 2;
        }
        sections.Add(new XCData(text[start..]));
        return [.. sections];
    }
}
