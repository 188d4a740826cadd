using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>What a badge QR asserts. Signed as-is; identity of a badge is this payload, never the QR string (ECDSA signatures are malleable).</summary>
/// <param name="EditionId">Database id of the edition; selects the verification key.</param>
/// <param name="TicketId">64 random bits, see <see cref="BadgeTicketId"/>.</param>
/// <param name="IssueNumber">Raised on every reissue so older printed badges can be revoked.</param>
/// <param name="CategoryCode">Attendee category (delegate, speaker, press...) as stored by the edition.</param>
public sealed record BadgeTokenPayload(int EditionId, ulong TicketId, ushort IssueNumber, byte CategoryCode)
{
    public string TicketIdHex => BadgeTicketId.ToHex(TicketId);

    public string ShortCode => BadgeTicketId.ToShortCode(TicketId);
}

public enum BadgeTokenReadStatus
{
    Valid,
    Malformed,
    BadSignature,
    UnsupportedVersion,
}

/// <summary>Payload is set only when <see cref="Status"/> is <see cref="BadgeTokenReadStatus.Valid"/>, so an unverified payload cannot be used by mistake.</summary>
public sealed record BadgeTokenReadResult(BadgeTokenReadStatus Status, BadgeTokenPayload? Payload)
{
    public bool IsValid => Status == BadgeTokenReadStatus.Valid && Payload is not null;
}

/// <summary>
/// Badge QR text: <c>DOC1:</c> + Base45(payload[16] || ECDSA P-256 SHA-256 signature[64], IEEE P1363 r||s).
/// See docs/badge-qr-format.md.
/// </summary>
public static class BadgeToken
{
    public const string Prefix = "DOC1:";
    public const byte FormatVersion = 0x01;
    public const int PayloadLength = 16;
    public const int SignatureLength = 64;
    public const int TokenLength = PayloadLength + SignatureLength;

    /// <summary>Length of every v1 QR text (125 characters, QR version 6 at ECC level M).</summary>
    public const int TextLength = 5 + TokenLength / 2 * 3;

    public static byte[] SerializePayload(BadgeTokenPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(payload.EditionId);
        var bytes = new byte[PayloadLength];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1, 4), (uint)payload.EditionId);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(5, 8), payload.TicketId);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(13, 2), payload.IssueNumber);
        bytes[15] = payload.CategoryCode;
        return bytes;
    }

    public static string Encode(BadgeTokenPayload payload, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var bytes = SerializePayload(payload);
        var signature = privateKey.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (signature.Length != SignatureLength) throw new ArgumentException("The key must be an ECDSA P-256 key.", nameof(privateKey));
        return Prefix + Base45.Encode([.. bytes, .. signature]);
    }

    /// <summary>
    /// Parses without checking the signature, so a scanner can learn which edition's key to verify with.
    /// Never trust the result for anything else.
    /// </summary>
    public static BadgeTokenReadStatus TryParseUnverified(string? text, out BadgeTokenPayload? payload, out byte[]? signedBytes, out byte[]? signature)
    {
        payload = null;
        signedBytes = null;
        signature = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return BadgeTokenReadStatus.Malformed;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            // "DOC2:..." is a newer format we cannot read, not garbage.
            return IsOtherVersionPrefix(text) ? BadgeTokenReadStatus.UnsupportedVersion : BadgeTokenReadStatus.Malformed;
        }
        if (!Base45.TryDecode(text[Prefix.Length..], out var raw) || raw.Length == 0) return BadgeTokenReadStatus.Malformed;
        if (raw[0] != FormatVersion) return BadgeTokenReadStatus.UnsupportedVersion;
        if (raw.Length != TokenLength) return BadgeTokenReadStatus.Malformed;
        var editionId = BinaryPrimitives.ReadUInt32BigEndian(raw.AsSpan(1, 4));
        if (editionId > int.MaxValue) return BadgeTokenReadStatus.Malformed;
        payload = new BadgeTokenPayload(
            (int)editionId,
            BinaryPrimitives.ReadUInt64BigEndian(raw.AsSpan(5, 8)),
            BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(13, 2)),
            raw[15]);
        signedBytes = raw[..PayloadLength];
        signature = raw[PayloadLength..];
        return BadgeTokenReadStatus.Valid;
    }

    /// <summary>Unverified edition id, or null when the text is not a readable v1 badge.</summary>
    public static int? PeekEditionId(string? text) =>
        TryParseUnverified(text, out var payload, out _, out _) == BadgeTokenReadStatus.Valid ? payload!.EditionId : null;

    /// <summary>Full check: format, version and signature. Never throws for bad input.</summary>
    public static BadgeTokenReadResult TryRead(string? text, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var status = TryParseUnverified(text, out var payload, out var signed, out var signature);
        if (status != BadgeTokenReadStatus.Valid) return new BadgeTokenReadResult(status, null);
        bool ok;
        try
        {
            ok = publicKey.VerifyData(signed!, signature!, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            ok = false;
        }
        return ok ? new BadgeTokenReadResult(BadgeTokenReadStatus.Valid, payload) : new BadgeTokenReadResult(BadgeTokenReadStatus.BadSignature, null);
    }

    private static bool IsOtherVersionPrefix(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 3 && text.StartsWith("DOC", StringComparison.Ordinal) && text[3..colon].All(char.IsAsciiDigit);
    }
}
