using System.Security.Cryptography;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>What <c>GET /api/editions/{slug}/checkin-key</c> returns; serialises as {"algorithm":"ES256","spki":"..."}.</summary>
public sealed record CheckinKeyResponse(string Algorithm, string Spki);

/// <summary>One ECDSA P-256 key per edition. The private half leaves here only as PKCS#8 bytes, for the caller to encrypt at rest.</summary>
public static class EditionSigningKeys
{
    public const string Algorithm = "ES256";

    public static ECDsa Create() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static byte[] ExportPkcs8(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportPkcs8PrivateKey();
    }

    /// <exception cref="CryptographicException">Not a PKCS#8 P-256 key.</exception>
    public static ECDsa ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            EnsureP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static byte[] ExportSpki(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportSubjectPublicKeyInfo();
    }

    public static string ExportSpkiBase64(ECDsa key) => Convert.ToBase64String(ExportSpki(key));

    public static CheckinKeyResponse ToCheckinKeyResponse(ECDsa key) => new(Algorithm, ExportSpkiBase64(key));

    /// <exception cref="CryptographicException">Not a DER SubjectPublicKeyInfo of a P-256 key.</exception>
    public static ECDsa ImportSpki(ReadOnlySpan<byte> spki)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            EnsureP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <exception cref="FormatException">Not base64.</exception>
    /// <exception cref="CryptographicException">Not a P-256 SubjectPublicKeyInfo.</exception>
    public static ECDsa ImportSpkiBase64(string spkiBase64) => ImportSpki(Convert.FromBase64String(spkiBase64));

    private static void EnsureP256(ECDsa key)
    {
        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != "1.2.840.10045.3.1.7")
            throw new CryptographicException("Edition keys must be ECDSA P-256.");
    }
}
