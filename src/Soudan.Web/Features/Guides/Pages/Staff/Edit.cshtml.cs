using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Guides.Pages.Staff;

/// <summary>
/// Write an article, or one of its translations: Markdown with a preview, draft or published (from a
/// time in Japan), the original beside a translation, every earlier version to read back and restore.
/// </summary>
[Authorize(Policy = StaffPolicies.Coordination)]
// An image comes with the whole form (so the text being written is not lost), and a long text in
// Japanese, percent-encoded, is larger than the server's usual limit too.
[RequestSizeLimit(ArticleImages.MaxBytes + (2 * 1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = ArticleImages.MaxBytes + (2 * 1024 * 1024))]
public sealed class EditModel(ArticleDesk desk, ArticleImages images, SoudanDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public const int ImageDescriptionMaxLength = 300;

    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Image { get; set; }

    [BindProperty]
    public string? ImageDescription { get; set; }

    /// <summary>The image just uploaded, whose line was added to the text (not yet saved).</summary>
    public ArticleImage? ImageAdded { get; private set; }

    public Article? Article { get; private set; }

    public PublicLanguage Language { get; private set; } = PublicLanguages.Japanese;

    public ArticleTranslation? Translation { get; private set; }

    public ArticleTranslation? Original => Article?.Original;

    public bool IsOriginal => Article is null || Article.OriginalLanguage == Language.Code;

    public bool IsBehindOriginal => Translation is not null && Article!.IsBehindOriginal(Translation);

    public ArticleKind Kind { get; private set; }

    /// <summary>Readers can see this translation now.</summary>
    public bool IsLive => Translation?.IsPublishedAt(clock.GetUtcNow().UtcDateTime) == true;

    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> StaffNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The text as readers will see it, when asked for without saving.</summary>
    public string? Preview { get; private set; }

    /// <summary>The version put back in the form from the history, not yet saved.</summary>
    public int? Restoring { get; private set; }

    public ArticleConflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string lang, string? kind, int? restore, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, lang, kind, cancellationToken))
        {
            return NotFound();
        }

        Input = ArticleInput.From(Article, Translation);
        if (restore is { } version && Translation is not null && await desk.RevisionAsync(Translation.Id, version, cancellationToken) is { } revision)
        {
            (Input.Title, Input.Summary, Input.Markdown, Restoring) = (revision.Title, revision.Summary, revision.Markdown, revision.Version);
        }

        if (Translation is null && Original is not null)
        {
            Input.UpToDate = true;
        }

        return Page();
    }

    /// <summary>The text rendered and cleaned as readers would see it, for the live preview (no save, nothing stored).</summary>
    public IActionResult OnPostPreview() =>
        Content(ArticleMarkdown.ToHtml((Input.Markdown ?? string.Empty)[..Math.Min(Input.Markdown?.Length ?? 0, ArticleDesk.MarkdownMaxLength)]), "text/html; charset=utf-8");

    /// <summary>
    /// Takes an image in and adds its line to the end of the text, then shows the form again with
    /// everything written kept; nothing of the article is saved until Save.
    /// </summary>
    public async Task<IActionResult> OnPostImageAsync(string id, string lang, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, lang, kind, cancellationToken))
        {
            return NotFound();
        }

        var description = ImageDescription?.Trim() ?? string.Empty;
        if (description.Length == 0)
        {
            ModelState.AddModelError(nameof(ImageDescription), S["Say what the image shows, for readers who cannot see it."]);
        }
        else if (description.Length > ImageDescriptionMaxLength)
        {
            ModelState.AddModelError(nameof(ImageDescription), S["The description is longer than {0} characters.", ImageDescriptionMaxLength]);
        }

        var editor = AuditLog.ActorOf(User) ?? Guid.Empty;
        if (ModelState.IsValid)
        {
            var (image, refusal, arguments) = await images.AddAsync(Image, editor, cancellationToken);
            if (image is null)
            {
                ModelState.AddModelError(nameof(Image), S[refusal!, arguments]);
            }
            else
            {
                var text = (Input.Markdown ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
                Input.Markdown = (text.Length > 0 ? text + "\n\n" : string.Empty) + ArticleMarkdown.ImageLine(image.Address, description) + "\n";
                ModelState.Remove("Input.Markdown");
                ModelState.Remove(nameof(ImageDescription));
                ImageDescription = null;
                ImageAdded = image;
                await audit.RecordAsync(AuditActions.ArticleImageUploaded, editor, "article-image", image.Name, cancellationToken);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string lang, string? kind, string? intent, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, lang, kind, cancellationToken))
        {
            return NotFound();
        }

        var draft = Validate();
        var slug = Input.Slug?.Trim().ToLowerInvariant() ?? string.Empty;
        var category = Kind == ArticleKind.Guide && ArticleDesk.Categories.IsKnown(Input.Category ?? string.Empty) ? Input.Category : null;
        if (IsOriginal)
        {
            if (!ArticleDesk.IsSlug(slug))
            {
                ModelState.AddModelError("Input.Slug", S["Write the address with small letters a to z, digits and hyphens, such as leave-allowance (at most {0} characters).", Article.SlugMaxLength]);
            }
            else if (await desk.SlugTakenAsync(Kind, slug, Article?.Id, cancellationToken))
            {
                ModelState.AddModelError("Input.Slug", S["Another article already has this address."]);
            }
        }

        if (draft is not null && !await ImagesAreHereAsync(draft.Markdown, cancellationToken))
        {
            draft = null;
        }

        if (intent == "preview" || !ModelState.IsValid || draft is null)
        {
            Preview = intent == "preview" ? ArticleMarkdown.ToHtml(Input.Markdown ?? string.Empty) : null;
            return Page();
        }

        var editor = AuditLog.ActorOf(User) ?? Guid.Empty;
        if (Article is null)
        {
            Article = await desk.CreateAsync(Kind, slug, category, Language.Code, draft, editor, cancellationToken);
        }
        else
        {
            if (IsOriginal && (Article.Slug != slug || Article.Category != category))
            {
                Article.Slug = slug;
                Article.Category = category;
            }

            Conflict = await desk.SaveAsync(Article, Language.Code, Input.Version, draft, editor, cancellationToken);
            if (Conflict is not null)
            {
                await LoadNamesAsync(cancellationToken);
                return Page();
            }
        }

        await PublicPageCache.EvictAsync(HttpContext.RequestServices, cancellationToken);
        await audit.RecordAsync(AuditActions.ArticleSaved, editor, "article", $"{Article.Id}/{Language.Code}", cancellationToken);
        TempData["Saved"] = S["Saved."].Value;
        return Redirect($"/staff/articles/{Article.Id.ToString(CultureInfo.InvariantCulture)}/{Language.Code}");
    }

    /// <summary>The article, the language and the translation the address names; false when it names nothing.</summary>
    private async Task<bool> LoadAsync(string id, string lang, string? kind, CancellationToken cancellationToken)
    {
        if (PublicLanguages.FindByCode(lang) is not { } language)
        {
            return false;
        }

        Language = language;
        if (id == "new")
        {
            Kind = kind == "news" ? ArticleKind.News : ArticleKind.Guide;
            return true;
        }

        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || await desk.FindAsync(number, cancellationToken) is not { } article)
        {
            return false;
        }

        Article = article;
        Kind = article.Kind;
        Translation = article.Translations.FirstOrDefault(t => t.Language == language.Code);
        Revisions = Translation is null ? [] : await desk.RevisionsAsync(Translation.Id, cancellationToken);
        await LoadNamesAsync(cancellationToken);
        return true;
    }

    private async Task LoadNamesAsync(CancellationToken cancellationToken)
    {
        var ids = Revisions.Select(r => r.SavedBy).Append(Conflict?.SavedBy ?? Guid.Empty).Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>The editor's text as a draft to save, or null with each mistake named beside its field.</summary>
    private ArticleDraft? Validate()
    {
        var title = Input.Title?.Trim() ?? string.Empty;
        var summary = Input.Summary?.Trim() ?? string.Empty;
        var markdown = (Input.Markdown ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (title.Length == 0)
        {
            ModelState.AddModelError("Input.Title", S["Give the article a title."]);
        }
        else if (title.Length > ArticleTranslation.TitleMaxLength)
        {
            ModelState.AddModelError("Input.Title", S["The title is longer than {0} characters.", ArticleTranslation.TitleMaxLength]);
        }

        if (summary.Length > ArticleTranslation.SummaryMaxLength)
        {
            ModelState.AddModelError("Input.Summary", S["The summary is longer than {0} characters: it is what a shared link shows, so keep it short.", ArticleTranslation.SummaryMaxLength]);
        }

        if (markdown.Trim().Length == 0)
        {
            ModelState.AddModelError("Input.Markdown", S["Write the text of the article."]);
        }
        else if (markdown.Length > ArticleDesk.MarkdownMaxLength)
        {
            ModelState.AddModelError("Input.Markdown", S["The text is {0:N0} characters long; an article holds at most {1:N0}. Split it into two articles.", markdown.Length, ArticleDesk.MarkdownMaxLength]);
        }
        else
        {
            foreach (var mistake in ArticleMarkdown.Mistakes(markdown))
            {
                ModelState.AddModelError("Input.Markdown", S[mistake]);
            }
        }

        DateTime? publishAt = null;
        if (Input.PublishAt is { } local)
        {
            publishAt = JapanTime.ToUtc(local);
        }

        var status = Input.Status == "published" ? ArticleStatus.Published : ArticleStatus.Draft;
        var review = Input.Review == "reviewed" ? ReviewState.Reviewed : ReviewState.MachineAssisted;
        return ModelState.IsValid
            ? new ArticleDraft(title, summary, markdown, status, publishAt, review, Input.UpToDate, Input.SmallCorrection)
            : null;
    }

    /// <summary>Every image of the text is one uploaded here; each that is not is named beside the text.</summary>
    private async Task<bool> ImagesAreHereAsync(string markdown, CancellationToken cancellationToken)
    {
        var addresses = ArticleMarkdown.Images(markdown).Select(i => i.Address).Distinct(StringComparer.Ordinal).ToList();
        var named = addresses.Select(a => (Address: a, Name: ArticleImages.NameIn(a))).ToList();
        var missing = (await images.MissingAsync([.. named.Where(n => n.Name is not null).Select(n => n.Name!)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var broken = named.Where(n => n.Name is null ? n.Address.StartsWith('/') : missing.Contains(n.Name)).ToList();
        foreach (var (address, _) in broken)
        {
            ModelState.AddModelError("Input.Markdown", S["There is no image at {0} on this site: upload it again below, and use the line it gives.", address]);
        }

        return broken.Count == 0;
    }

    public string StateOf(ArticleTranslation translation) => ArticleState.Describe(translation, clock, S);

    public string NameOf(Guid id) => StaffNames.TryGetValue(id, out var name) ? name : S["a colleague"].Value;
}

/// <summary>The editor's form.</summary>
public sealed class ArticleInput
{
    public string? Slug { get; set; }

    public string? Category { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Markdown { get; set; }

    /// <summary>draft or published.</summary>
    public string Status { get; set; } = "draft";

    /// <summary>Japan time; empty: as soon as it is published.</summary>
    public DateTime? PublishAt { get; set; }

    /// <summary>machine-assisted or reviewed (translations only).</summary>
    public string Review { get; set; } = "machine-assisted";

    /// <summary>The translation follows the original as it now stands.</summary>
    public bool UpToDate { get; set; }

    /// <summary>A change to the original that translations need not follow (a typo).</summary>
    public bool SmallCorrection { get; set; }

    /// <summary>The version the editor started from (0: a new translation).</summary>
    public int Version { get; set; }

    public static ArticleInput From(Article? article, ArticleTranslation? translation) => new()
    {
        Slug = article?.Slug,
        Category = article?.Category,
        Title = translation?.Title,
        Summary = translation?.Summary,
        Markdown = translation?.Markdown,
        Status = translation?.Status == ArticleStatus.Published ? "published" : "draft",
        PublishAt = translation?.PublishAtUtc is { } at ? JapanTime.FromUtc(at) : null,
        Review = translation?.Review == ReviewState.Reviewed ? "reviewed" : "machine-assisted",
        Version = translation?.Version ?? 0,
    };
}
