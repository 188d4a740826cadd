using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Matchmaking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MatchmakingAvailability",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchmakingAvailability", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchmakingAvailability_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchmakingBlock",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchmakingBlock", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchmakingBlock_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchmakingProfile",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Pillar = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationType = table.Column<int>(type: "INTEGER", nullable: false),
                    Sectors = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Offer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Seek = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CooperationTypes = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OptedIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchmakingProfile", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchmakingProfile_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchmakingSettings",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxMeetingsPerParticipant = table.Column<int>(type: "INTEGER", nullable: true),
                    RequestExpiryHours = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchmakingSettings", x => x.EditionId);
                    table.ForeignKey(
                        name: "FK_MatchmakingSettings_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchmakingTable",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FixedRegistrationId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchmakingTable", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchmakingTable_Editions_EditionId",
                        column: x => x.EditionId,
                        principalTable: "Editions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MatchmakingTable_Registrations_FixedRegistrationId",
                        column: x => x.FixedRegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MeetingRequest",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromRegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToRegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RespondedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingRequest", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingRequest_Registrations_FromRegistrationId",
                        column: x => x.FromRegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingRequest_Registrations_ToRegistrationId",
                        column: x => x.ToRegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingAssignment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TableId = table.Column<int>(type: "INTEGER", nullable: false),
                    Locked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingAssignment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingAssignment_MatchmakingTable_TableId",
                        column: x => x.TableId,
                        principalTable: "MatchmakingTable",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingAssignment_MeetingRequest_RequestId",
                        column: x => x.RequestId,
                        principalTable: "MeetingRequest",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MatchmakingAvailability_RegistrationId_SlotStartUtc",
                table: "MatchmakingAvailability",
                columns: new[] { "RegistrationId", "SlotStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatchmakingBlock_EditionId",
                table: "MatchmakingBlock",
                column: "EditionId");

            migrationBuilder.CreateIndex(
                name: "IX_MatchmakingProfile_EditionId_OptedIn",
                table: "MatchmakingProfile",
                columns: new[] { "EditionId", "OptedIn" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchmakingProfile_RegistrationId",
                table: "MatchmakingProfile",
                column: "RegistrationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatchmakingTable_EditionId_Number",
                table: "MatchmakingTable",
                columns: new[] { "EditionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatchmakingTable_FixedRegistrationId",
                table: "MatchmakingTable",
                column: "FixedRegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAssignment_EditionId_SlotStartUtc_TableId",
                table: "MeetingAssignment",
                columns: new[] { "EditionId", "SlotStartUtc", "TableId" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAssignment_RequestId",
                table: "MeetingAssignment",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAssignment_TableId",
                table: "MeetingAssignment",
                column: "TableId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequest_EditionId_Status",
                table: "MeetingRequest",
                columns: new[] { "EditionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequest_FromRegistrationId",
                table: "MeetingRequest",
                column: "FromRegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRequest_ToRegistrationId",
                table: "MeetingRequest",
                column: "ToRegistrationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MatchmakingAvailability");

            migrationBuilder.DropTable(
                name: "MatchmakingBlock");

            migrationBuilder.DropTable(
                name: "MatchmakingProfile");

            migrationBuilder.DropTable(
                name: "MatchmakingSettings");

            migrationBuilder.DropTable(
                name: "MeetingAssignment");

            migrationBuilder.DropTable(
                name: "MatchmakingTable");

            migrationBuilder.DropTable(
                name: "MeetingRequest");
        }
    }
}
