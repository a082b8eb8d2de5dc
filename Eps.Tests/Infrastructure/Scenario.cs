using System.Net;
using System.Net.Http.Json;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Infrastructure;

/// <summary>
/// Creates approved, signed prescriptions the way approval does, for tests that start at the pharmacy, and dispenses
/// them through the API.
/// </summary>
public static class Scenario
{
    public const string Lagos = "PHB-PH-100101";
    public const string Abuja = "PHB-PH-200202";

    public const string DispenseUrl = "/api/prescriptions/dispense/";

    public static async Task<Prescription> IssueAsync(
        IServiceProvider services, string drug = "Amoxicillin", string pharmacyCode = Lagos,
        string patientEmail = "patient@eps.test", int quantity = 21, int repeats = 0)
    {
        var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var patient = await db.Patients.Include(p => p.User).SingleAsync(p => p.User.Email == patientEmail);
            var doctor = await db.Doctors.FirstAsync();
            var pharmacy = await db.Pharmacies.SingleAsync(p => p.Code == pharmacyCode);
            var medicine = await db.Drugs.SingleAsync(d => d.GenericName == drug);
            var strength = medicine.StrengthList.First();

            var request = new PrescriptionRequest
            {
                Reference = "REQ-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
                PatientId = patient.Id, PharmacyId = pharmacy.Id, Status = RequestStatus.Approved, Reason = "Repeat",
                SubmittedAt = DateTime.UtcNow, ReviewedByDoctorId = doctor.Id, ReviewedAt = DateTime.UtcNow,
                Items = [new PrescriptionRequestItem { DrugId = medicine.Id, Strength = strength, Form = medicine.Form, QuantityRequested = quantity, Approved = true, ApprovedQuantity = quantity }],
            };
            db.PrescriptionRequests.Add(request);
            await db.SaveChangesAsync();

            var issuer = services.GetRequiredService<PrescriptionIssuer>();
            var prescription = await issuer.IssueAsync(db, new IssueItem(
                patient.Id, patient.Hpn, doctor.Id, pharmacy.Id, pharmacy.Code, request.Id, request.Items[0].Id, medicine,
                strength, medicine.Form, "Take one three times a day", "Three times daily", quantity, repeats, "Repeat"),
                CancellationToken.None);
            await db.SaveChangesAsync();
            return prescription;
        }
    }

    /// <summary>The body the dispense API takes for <paramref name="rx"/>; the ID document fields stay null without <paramref name="id"/>.</summary>
    public static object DispenseBody(Prescription rx, string pharmacyCode = Lagos, string pharmacistName = "Funmilayo Adeyemi",
        IdDocument? id = null, string? notes = null) => new
    {
        prescription_id = rx.RxNumber,
        nonce = rx.Nonce,
        pharmacy_code = pharmacyCode,
        pharmacist_name = pharmacistName,
        verification_notes = notes,
        id_document_type = id?.Type,
        id_document_number = id?.Number,
    };

    /// <summary>Dispenses <paramref name="rx"/> as <paramref name="desk"/> (a signed-in pharmacist's client) and checks that it succeeded.</summary>
    public static async Task DispenseAsync(HttpClient desk, Prescription rx, string pharmacyCode, string pharmacistName, IdDocument? id = null)
    {
        using var response = await desk.PostAsJsonAsync(DispenseUrl, DispenseBody(rx, pharmacyCode, pharmacistName, id));
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"Dispensing {rx.RxNumber} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>An ID document as the dispense API names it, e.g. ("international_passport", "A12345678").</summary>
public sealed record IdDocument(string Type, string Number);
