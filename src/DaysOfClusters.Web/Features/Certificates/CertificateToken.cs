using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DaysOfClusters.Web.Features.Certificates;

/// <summary>What a certificate's code asserts; signed with the event's badge key, so the published check-in key verifies it.</summary>
/// <param name="NameHash">First 8 bytes of SHA-256 of the holder's name as printed: a changed name no longer matches.</param>
public sealed record CertificatePayload(int EditionId, int CertificateId, ushort IssueNumber, ushort SessionsAttended, ushort SessionsTotal, DateOnly IssuedOn, ulong NameHash);

public enum CertificateCodeStatus
{
    Valid,
    Malformed,
    BadSignature,
}

/// <summary>
/// Certificate code: <c>C1.</c> + Base64Url(payload[27] || ECDSA P-256 SHA-256 signature[64], IEEE P1363). URL-safe, so the
/// certificate's QR is a link to the public verify page.
/// </summary>
public static class CertificateToken
{
    public const string Prefix = "C1.";
    public const byte FormatVersion = 0x01;
    public const int PayloadLength = 27;
    public const int SignatureLength = 64;
    public const int MaxTextLength = 200;

    public static ulong HashName(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().Normalize(NormalizationForm.FormC)), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    public static byte[] Serialize(CertificatePayload p)
    {
        var bytes = new byte[PayloadLength];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1, 4), p.EditionId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(5, 4), p.CertificateId);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(9, 2), p.IssueNumber);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(11, 2), p.SessionsAttended);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(13, 2), p.SessionsTotal);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(15, 4), p.IssuedOn.DayNumber);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(19, 8), p.NameHash);
        return bytes;
    }

    public static string Encode(CertificatePayload payload, ECDsa privateKey)
    {
        var bytes = Serialize(payload);
        var signature = privateKey.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Prefix + Convert.ToBase64String([.. bytes, .. signature]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads the payload without checking the signature, only to learn which event's key to check it with.</summary>
    public static CertificateCodeStatus TryParseUnverified(string? text, out CertificatePayload? payload, out byte[]? signedBytes, out byte[]? signature)
    {
        payload = null;
        signedBytes = signature = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength || !text.StartsWith(Prefix, StringComparison.Ordinal)) return CertificateCodeStatus.Malformed;
        var body = text[Prefix.Length..];
        if (body.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return CertificateCodeStatus.Malformed;
        byte[] raw;
        try
        {
            var b64 = body.Replace('-', '+').Replace('_', '/');
            raw = Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '='));
        }
        catch (FormatException)
        {
            return CertificateCodeStatus.Malformed;
        }
        if (raw.Length != PayloadLength + SignatureLength || raw[0] != FormatVersion) return CertificateCodeStatus.Malformed;
        var editionId = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(1, 4));
        var dayNumber = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(15, 4));
        if (editionId <= 0 || dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber) return CertificateCodeStatus.Malformed;
        payload = new CertificatePayload(editionId, BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(5, 4)),
            BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(9, 2)), BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(11, 2)),
            BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(13, 2)), DateOnly.FromDayNumber(dayNumber), BinaryPrimitives.ReadUInt64BigEndian(raw.AsSpan(19, 8)));
        signedBytes = raw[..PayloadLength];
        signature = raw[PayloadLength..];
        return CertificateCodeStatus.Valid;
    }

    /// <summary>Format and signature; never throws for bad input. The payload is set only when both hold.</summary>
    public static CertificateCodeStatus TryRead(string? text, ECDsa publicKey, out CertificatePayload? payload)
    {
        var status = TryParseUnverified(text, out var parsed, out var signedBytes, out var signature);
        payload = null;
        if (status != CertificateCodeStatus.Valid) return status;
        bool ok;
        try
        {
            ok = publicKey.VerifyData(signedBytes!, signature!, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            ok = false;
        }
        if (!ok) return CertificateCodeStatus.BadSignature;
        payload = parsed;
        return CertificateCodeStatus.Valid;
    }
}
