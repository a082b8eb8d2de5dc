using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;

namespace Eps.Core.Tokens;

/// <summary>ES256 key objects, pooled so that concurrent sign/verify never share one ECDsa instance.</summary>
/// <remarks>
/// .NET documents ECDsa instance members as not guaranteed thread-safe (OpenSSL happens to tolerate it today, CNG and
/// Apple make no promise), and a lock would serialise every verify in the process on one key. A small pool gives each
/// concurrent caller its own instance; steady state never imports, and a burst imports at most once per extra caller.
/// </remarks>
internal sealed class EcdsaKeyMaterial : KeyMaterial
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private static readonly int MaxIdle = Environment.ProcessorCount * 4;

    private readonly byte[] _pkcs8;
    private readonly ConcurrentQueue<ECDsa> _idle = new();
    private readonly ECParameters _public;
    private int _idleCount;
    private volatile bool _disposed;

    public EcdsaKeyMaterial(byte[] pkcs8, string kid)
    {
        _pkcs8 = pkcs8;
        var first = ECDsa.Create();
        try
        {
            first.ImportPkcs8PrivateKey(pkcs8, out _);
            _public = first.ExportParameters(includePrivateParameters: false);
        }
        catch (CryptographicException ex)
        {
            first.Dispose();
            throw new InvalidDataException($"Signing key '{kid}': PrivateKey is not a PKCS#8 EC private key.", ex);
        }

        if (_public.Curve.Oid?.Value != P256Oid)
        {
            first.Dispose();
            throw new InvalidDataException($"Signing key '{kid}': ES256 needs a P-256 key.");
        }

        Return(first);
    }

    public override long CoseAlgorithm => CoseConstants.AlgEs256;

    public override ulong CoseTag => CoseConstants.TagSign1;

    public override int SignatureLength => 64;

    public override byte[] Sign(ReadOnlySpan<byte> toBeSigned)
    {
        var ecdsa = Rent();
        try
        {
            return ecdsa.SignData(toBeSigned, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            Return(ecdsa);
        }
    }

    public override bool Verify(ReadOnlySpan<byte> toBeSigned, ReadOnlySpan<byte> signature)
    {
        var ecdsa = Rent();
        try
        {
            return ecdsa.VerifyData(toBeSigned, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            Return(ecdsa);
        }
    }

    /// <summary>Signs with the platform COSE implementation so issued tokens are standard COSE_Sign1 by construction.</summary>
    public byte[] SignCoseSign1(byte[] payload, CoseHeaderMap protectedHeaders)
    {
        var ecdsa = Rent();
        try
        {
            return CoseSign1Message.SignEmbedded(payload, new CoseSigner(ecdsa, HashAlgorithmName.SHA256, protectedHeaders));
        }
        finally
        {
            Return(ecdsa);
        }
    }

    public override Jwk? PublicJwk(string kid) =>
        new("EC", "P-256", Base64Url.EncodeToString(_public.Q.X), Base64Url.EncodeToString(_public.Q.Y), kid, "ES256", "sig");

    public override void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var ecdsa))
        {
            ecdsa.Dispose();
        }

        CryptographicOperations.ZeroMemory(_pkcs8);
    }

    private ECDsa Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var ecdsa))
        {
            Interlocked.Decrement(ref _idleCount);
            return ecdsa;
        }

        var created = ECDsa.Create();
        created.ImportPkcs8PrivateKey(_pkcs8, out _);
        return created;
    }

    private void Return(ECDsa ecdsa)
    {
        if (!_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Enqueue(ecdsa);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        ecdsa.Dispose();
    }
}
