using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Cases;

/// <summary>
/// Keeps a case's documents: checks what a file really is, encrypts it with the Data Protection
/// key ring (itself encrypted with a key outside the database), and reads it back for those who may.
/// </summary>
public sealed class CaseDocumentStore(SoudanDbContext db, IDataProtectionProvider provider, TimeProvider clock)
{
    public const string Purpose = "Soudan.CaseDocuments.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>Stores the upload, or returns a staff-text key saying why it cannot.</summary>
    public async Task<(CaseDocument? Document, string? Refusal)> AddAsync(Case @case, IFormFile? file, string? kind, bool markedSensitive, Guid actor, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, Localizable.Staff("Choose a file to add."));
        }

        if (file.Length > CaseDocument.MaxBytes)
        {
            return (null, Localizable.Staff("The file is larger than 10 MB. Send a smaller photo or scan."));
        }

        if (!CaseDocument.Kinds.IsKnown(kind))
        {
            return (null, Localizable.Staff("Choose what kind of document it is."));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        if (DocumentContent.Sniff(bytes) is not { } contentType)
        {
            return (null, Localizable.Staff("This file is not a PDF or a photo (JPEG, PNG, WebP, HEIC), whatever its name says."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var document = new CaseDocument
        {
            CaseId = @case.Id,
            Kind = kind!,
            FileName = CleanFileName(file.FileName, contentType),
            ContentType = contentType,
            SizeBytes = bytes.Length,
            IsSensitive = markedSensitive || CaseDocument.AlwaysSensitive(kind!),
            UploadedBy = actor,
            UploadedAtUtc = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        db.Add(new CaseDocumentContent { DocumentId = document.Id, Protected = _protector.Protect(bytes) });
        @case.Entries.Add(new CaseEntry { Kind = CaseEntryKind.Document, AtUtc = now, ActorId = actor, DocumentId = document.Id, IsSensitive = document.IsSensitive });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (document, null);
    }

    /// <summary>The document's bytes, or null when they cannot be decrypted (a key ring restored without its key).</summary>
    public async Task<byte[]?> ReadAsync(int documentId, CancellationToken cancellationToken)
    {
        var content = await db.Set<CaseDocumentContent>().AsNoTracking().SingleOrDefaultAsync(c => c.DocumentId == documentId, cancellationToken);
        try
        {
            return content is null ? null : _protector.Unprotect(content.Protected);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The name without folders or hidden characters, ending as the content really is.</summary>
    private static string CleanFileName(string? uploaded, string contentType)
    {
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            "image/webp" => ".webp",
            _ => ".heic",
        };
        var name = UserText.Line(Path.GetFileNameWithoutExtension(uploaded?.Replace('\\', '/').Split('/')[^1])) ?? "document";
        name = name[..Math.Min(name.Length, CaseDocument.FileNameMaxLength - extension.Length)];
        return name + extension;
    }
}
