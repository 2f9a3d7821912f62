using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Documents;

/// <summary>A CryptographicKey: the public half of an issuer's signing key, hosted at <see cref="Id"/>.</summary>
public sealed record CryptographicKeyDocument(string Id, string Owner, string PublicKeyPem)
{
    public JsonObject ToJson()
    {
        var json = DocumentRules.Start("CryptographicKey", DocumentRules.RequireUrl(Id, nameof(Id)));
        json["owner"] = DocumentRules.RequireUrl(Owner, nameof(Owner));
        json["publicKeyPem"] = DocumentRules.RequireText(PublicKeyPem, nameof(PublicKeyPem));
        return json;
    }
}
