namespace Eps.Tests.Api.Security;

/// <summary>
/// Every fuzzed route and who calls it. <see cref="FuzzCoverageTests"/> fails when the app has an endpoint or page that is
/// not listed here, so a new one cannot ship without hostile-input coverage.
/// </summary>
public static class FuzzCatalog
{
    public const string Patient = "patient@eps.test";
    public const string Pharmacist = "pharmacist.lagos@eps.test";
    public const string Doctor = "doctor@eps.test";
    public const string Admin = "admin@eps.test";
    public const string Managed = FuzzHost.ManagedUser;
    public const string? Anonymous = null;

    /// <summary>A GET API: its query parameters, values that get past the first checks, and its callers.</summary>
    public sealed record ApiGet(string Route, string?[] Callers, string[] Query, string[] Known);

    /// <summary>A JSON API write: its body's fields, its caller, and the tables a valid post may change.</summary>
    public sealed record ApiPost(string Route, string? Caller, string[] Fields, params string[] MayChange);

    /// <summary>A form-posting endpoint outside the Razor pages (Identity's minimal endpoints).</summary>
    public sealed record EndpointPost(string Route, string? Caller, string[] Fields, string[] Known);

    /// <summary>A form on a page: its handler name (a trailing * matches the rendered suffix) and fields; tables a valid post may change.</summary>
    public sealed record Form(string Handler, string[] Fields, params string[] MayChange);

    /// <summary>A routable page: who opens it, the query it needs to show its forms, and the forms it posts.</summary>
    public sealed record Page(string Route, string? User, string Query = "", params Form[] Forms);

    /// <summary>Routes fuzzed by <see cref="HostileInputTests"/> with their own assertions (audit rows, nothing dispensed).</summary>
    public static readonly string[] CoveredByHostileInputTests = ["POST /api/prescriptions/verify", "POST /api/prescriptions/dispense"];

    private static readonly string[] Dates = ["2026-11-01", "2026-11-30", "2020-01-01", "2030-12-31", "2026-02-28"];

    public static readonly ApiGet[] ApiGets =
    [
        new("/api/prescriptions/{prescriptionId}/verification-log", [Admin, Patient, Pharmacist, Anonymous], [], []),
        new("/api/pharmacy/queue", [Pharmacist, Anonymous], ["status", "priority", "date_range", "patient_search", "page", "page_size"],
            ["pending", "ready", "dispensed", "expired", "all", "controlled", "high_risk", "routine", "today", "week", "month", "1", "2", "25", "100", "Okafor", "123 456 7890"]),
        new("/api/register.csv", [Pharmacist, Admin, Anonymous], ["from", "to", "pharmacy"], [.. Dates, "PHB-PH-100101", "PHB-PH-200202"]),
        new("/.well-known/jwks.json", [Anonymous], ["kid", "alg", "format"], []),
        new("/api/audit.csv", [Admin, Pharmacist, Anonymous], ["from", "to", "kind", "actor", "subject"],
            [.. Dates, "verification", "approval", "prescription_moved", "nomination_changed", Admin, "Okafor", "PHB-RX-", "REQ-"]),
        new("/api/admin/drugs.csv", [Admin, Pharmacist, Anonymous], ["format", "status"], ["csv", "active", "retired"]),
        new("/api/prescriptions/requests", [Patient, Doctor, Anonymous], [], []),
        new("/api/medications", [Patient, Pharmacist, Anonymous], [], []),
        new("/api/drugs", [Patient, Doctor, Anonymous], ["search", "take"], ["amox", "Tramadol", "1", "20", "100"]),
        new("/api/pharmacies", [Patient, Anonymous], ["search", "take"], ["Marina", "Lagos", "PHB-PH-100101", "1", "20"]),
        new("/api/pharmacy/requests", [Pharmacist, Patient, Anonymous], [], []),
        new("/api/provider/prescriptions", [Doctor, Pharmacist, Anonymous], ["status", "search"],
            ["open", "awaiting_doctor", "submitted", "approved", "rejected", "Okafor", "REQ-", "123 456 7890"]),
        new("/api/provider/prescriptions/{id:int}", [Doctor, Anonymous], [], []),
        new("/api/provider/medications", [Doctor, Patient, Anonymous], [], []),
        new("/api/admin/pharmacies/{code}/api-keys", [Admin, Pharmacist, Anonymous], [], []),
        new("/fhir/MedicationRequest/{prescriptionId}", [Patient, Admin, Pharmacist, Anonymous], ["_format", "_summary"], ["json", "true"]),
        new("/fhir/MedicationDispense/{prescriptionId}", [Admin, Patient, Anonymous], ["_format"], ["json"]),
        new("/fhir/MedicationRequest", [Patient, Pharmacist, Doctor, Anonymous], ["group-identifier", "_revinclude"],
            ["REQ-20261127-4F7K2", "MedicationDispense:prescription", "REQ-"]),
        new("/openapi/{documentName}.json", [Anonymous], [], []),
        new("/scalar/{documentName?}", [Anonymous], [], []),
        new("/scalar/favicon.svg", [Anonymous], [], []),
        new("/scalar/scalar.aspnetcore.js", [Anonymous], [], []),
        new("/scalar/scalar.js", [Anonymous], [], []),
    ];

    /// <summary>Known good route values, so that some fuzzed GETs reach past routing and validation.</summary>
    public static IReadOnlyDictionary<string, string> RouteValues(FuzzState state) => new Dictionary<string, string>
    {
        ["prescriptionId"] = state.Prescription.RxNumber,
        ["id"] = state.Prescription.RequestId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["code"] = "PHB-PH-100101",
        ["documentName"] = "v1",
    };

    private static readonly string[] KeyTables = ["PharmacyApiKeys", "AuditEntries", "AuditHead"];

    public static readonly ApiPost[] ApiPosts =
    [
        new("/api/auth/token", Anonymous, ["email", "password", "two_factor_code", "two_factor_recovery_code"], FailedSignIn),
        new("/api/auth/refresh", Anonymous, ["refresh_token"]),
        new("/api/prescriptions/requests", Patient, ["pharmacy_code", "pharmacy_id", "reason", "medications"]),
        new("/api/prescriptions/requests/{reference}/withdraw", Patient, []),
        new("/api/pharmacy/requests/{id:int}/forward", Pharmacist, []),
        new("/api/pharmacy/prescriptions/{prescriptionId}/ready", Pharmacist, []),
        new("/api/pharmacy/requests/{id:int}/escalate", Pharmacist, ["note"]),
        new("/api/pharmacy/requests/{id:int}/reject", Pharmacist, ["reason"]),
        new("/api/provider/prescriptions/{id:int}/approve", Doctor, ["clinical_notes", "totp_code", "medications"]),
        new("/api/provider/prescriptions/{id:int}/reject", Doctor, ["reason"]),
        new("/api/provider/medications/{prescriptionId}/cancel", Doctor, ["reason"]),
        // A hostile pharmacy code is sometimes a real one: a key issued (or one of those revoked) is a valid change.
        new("/api/admin/pharmacies/{code}/api-keys", Admin, ["name"], KeyTables),
        new("/api/admin/api-keys/{id:int}/revoke", Admin, [], KeyTables),
    ];

    public static readonly EndpointPost[] EndpointPosts =
    [
        new("/Account/Logout", Anonymous, ["ReturnUrl"], ["", "/", "Account/Login", "/requests"]),
        new("/Account/Manage/DownloadPersonalData", Managed, ["format"], []),
    ];

    /// <summary>What a valid registration writes: the account, its patient record, the audit entry and the welcome email.</summary>
    private static readonly string[] Registration = ["AspNetUsers", "AspNetUserRoles", "Patients", "AuditEntries", "AuditHead", "Outbox"];

    /// <summary>A wrong password for an existing account (one a fuzzed registration made) counts toward its lockout.</summary>
    private const string FailedSignIn = "AspNetUsers";

    public static readonly Page[] Pages =
    [
        new("/", Anonymous), new("/not-found", Anonymous), new("/Error", Anonymous),

        new("/prescriptions/{RxNumber}/token", Patient), new("/prescriptions/request/{Reference}/tokens", Patient),
        new("/requests/new", Patient), new("/requests", Patient), new("/prescriptions", Patient),
        new("/pharmacy/triage", Pharmacist), new("/pharmacy/queue", Pharmacist), new("/pharmacy/register", Pharmacist), new("/pharmacy/analytics", Pharmacist),
        new("/doctor/reviews", Doctor), new("/doctor/reviews/{RequestId:int}", Doctor), new("/doctor/prescriptions", Doctor),
        new("/admin/security", Admin), new("/admin/analytics", Admin), new("/admin/compliance", Admin), new("/admin/outbox", Admin), new("/admin/keys", Admin),
        new("/admin/staff", Admin), new("/admin/staff/{Id}", Admin), new("/admin/audit", Admin),
        new("/admin/pharmacies", Admin), new("/admin/drugs", Admin),

        new("/Account/Login", Anonymous, "", new Form("login", ["Input.Email", "Input.Password", "Input.RememberMe"], FailedSignIn)),
        new("/Account/Register", Anonymous, "", new Form("register", ["Input.FullName", "Input.Phone", "Input.Email", "Input.Password", "Input.ConfirmPassword"], Registration)),
        new("/Account/ForgotPassword", Anonymous, "", new Form("forgot-password", ["Input.Email"], "Outbox")),
        new("/Account/ResendEmailConfirmation", Anonymous, "", new Form("resend-email-confirmation", ["Input.Email"], "Outbox")),
        new("/Account/ResetPassword", Anonymous, "?code=Zm9v", new Form("reset-password", ["Input.Email", "Input.Password", "Input.ConfirmPassword", "Input.Code"])),
        new("/Account/LoginWith2fa", Anonymous, "", new Form("login-with-2fa", ["Input.TwoFactorCode", "Input.RememberMachine", "ReturnUrl", "RememberMe"])),
        new("/Account/LoginWithRecoveryCode", Anonymous, "", new Form("login-with-recovery-code", ["Input.RecoveryCode"])),
        .. new[]
        {
            "/Account/AccessDenied", "/Account/ConfirmEmail", "/Account/ConfirmEmailChange", "/Account/ForgotPasswordConfirmation",
            "/Account/InvalidPasswordReset", "/Account/InvalidUser", "/Account/Lockout", "/Account/RegisterConfirmation",
            "/Account/ResetPasswordConfirmation",
        }.Select(route => new Page(route, Anonymous)),

        // A valid post to these changes the managed account, as it should; a rejected one changes nothing.
        new("/Account/Manage", Managed, "", new Form("profile", ["Input.PhoneNumber"], "AspNetUsers", "Patients")),
        new("/Account/Manage/Email", Managed, "",
            new Form("change-email", ["Input.NewEmail"], "Outbox"), new Form("send-verification", ["Input.NewEmail"], "Outbox")),
        new("/Account/Manage/ChangePassword", Managed, "", new Form("change-password", ["Input.OldPassword", "Input.NewPassword", "Input.ConfirmPassword"])),
        new("/Account/Manage/EnableAuthenticator", Managed, "", new Form("send-code", ["Input.Code"])),
        new("/Account/Manage/Disable2fa", Managed, "", new Form("disable-2fa", ["confirm"])),
        new("/Account/Manage/GenerateRecoveryCodes", Managed, "", new Form("generate-recovery-codes", ["confirm"])),
        new("/Account/Manage/ResetAuthenticator", Managed, "", new Form("reset-authenticator", ["confirm"], "AspNetUsers", "AspNetUserTokens")),
        new("/Account/Manage/TwoFactorAuthentication", Managed, "", new Form("forget-browser", ["confirm"])),
        new("/Account/Manage/DeletePersonalData", Managed, "", new Form("delete-user", ["Input.Password"])),
        new("/Account/Manage/PersonalData", Managed),
    ];

    /// <summary>Every route key ("METHOD /route") some fuzz case covers.</summary>
    public static IEnumerable<string> Keys =>
        ApiGets.Select(a => "GET " + a.Route)
            .Concat(EndpointPosts.Select(p => "POST " + p.Route))
            .Concat(ApiPosts.Select(p => "POST " + p.Route))
            .Concat(Pages.Select(p => "PAGE " + p.Route))
            .Concat(CoveredByHostileInputTests);
}
