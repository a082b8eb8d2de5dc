using Eps.Core.Accounts;
using Eps.Core.Pharmacies;

namespace Eps.Core.Data.Seed;

/// <summary>Demo pharmacies and one user per role (a pharmacist per pharmacy). Development only.</summary>
public static class DemoData
{
    /// <summary>The password of every demo account; documented in the README.</summary>
    public const string Password = "Demo!2026";

    public static IReadOnlyList<Pharmacy> Pharmacies { get; } =
    [
        new() { Code = "PHB-PH-100101", Name = "Marina Community Pharmacy", Address = "12 Broad Street, Lagos Island",
            City = "Lagos", Postcode = "101001", Phone = "+234 801 234 5601", Email = "marina@pharmacy.eps.test" },
        new() { Code = "PHB-PH-200202", Name = "Wuse Central Pharmacy", Address = "24 Aminu Kano Crescent, Wuse II",
            City = "Abuja", Postcode = "900288", Phone = "+234 802 345 6702", Email = "wuse@pharmacy.eps.test" },
        new() { Code = "PHB-PH-300303", Name = "Garden City Pharmacy", Address = "5 Aba Road, GRA Phase 2",
            City = "Port Harcourt", Postcode = "500272", Phone = "+234 803 456 7803", Email = "gardencity@pharmacy.eps.test" },
    ];

    /// <summary>Demo users: email, name, role, and for patients and pharmacists a pharmacy code.</summary>
    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("patient@eps.test", "Adaeze Okafor", Roles.Patient, Hpn: "1234567890", PharmacyCode: "PHB-PH-100101"),
        new("patient2@eps.test", "Tunde Bakare", Roles.Patient, Hpn: "9876543210", PharmacyCode: "PHB-PH-200202"),
        new("doctor@eps.test", "Dr Chinedu Eze", Roles.Doctor),
        new("pharmacist.lagos@eps.test", "Funmilayo Adeyemi", Roles.Pharmacist, PharmacyCode: "PHB-PH-100101"),
        new("pharmacist.abuja@eps.test", "Ibrahim Musa", Roles.Pharmacist, PharmacyCode: "PHB-PH-200202"),
        new("pharmacist.ph@eps.test", "Blessing Amadi", Roles.Pharmacist, PharmacyCode: "PHB-PH-300303"),
        new("admin@eps.test", "Ngozi Nwosu", Roles.Admin),
    ];
}

/// <summary>A seeded account.</summary>
public sealed record DemoUser(string Email, string FullName, string Role, string? Hpn = null, string? PharmacyCode = null);
