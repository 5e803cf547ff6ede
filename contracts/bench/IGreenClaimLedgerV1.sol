// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title GreenSlot green-claim ledger, version 1 (kept only for the gas benchmark; superseded by contracts/src)
/// @notice Tamper-evident record of (1) green supply registered by operators per (site, slot) and
/// (2) charging-session attestations signed by the driver (EIP-712) that claim green Wh against it.
/// @dev Only hashes and key figures live here; receipts, sessions and meter data stay off-chain.
/// All energy figures are integer watt-hours (Wh); a slot is keyed by its start
/// in whole minutes since the Unix epoch (UTC), so keys never repeat across days or slot lengths.
interface IGreenClaimLedgerV1 {
    /// @notice Lifecycle of a session attestation.
    enum Status {
        None,
        Attested,
        Revoked
    }

    /// @notice Green supply offered by an operator for one (site, slot).
    struct SupplyEntry {
        /// @dev keccak256 of the site id string.
        bytes32 siteId;
        /// @dev Slot start, whole minutes since the Unix epoch (UTC).
        uint64 slot;
        /// @dev Green energy available in the slot, Wh.
        uint64 greenWh;
        /// @dev Breakdown in Wh by OCPI green category: [SOLAR, WIND, WATER, GENERAL_GREEN]; sums to greenWh.
        uint64[4] sourceWh;
        /// @dev Hash of the off-chain evidence (meter data or certificate).
        bytes32 evidenceHash;
    }

    /// @notice Key figures of a charging receipt, signed by the driver as EIP-712 typed data.
    struct Attestation {
        /// @dev keccak256 of the session id string; usable once.
        bytes32 sessionId;
        /// @dev keccak256 of the site id string.
        bytes32 siteId;
        /// @dev keccak256 of the station (EVSE) id string.
        bytes32 stationId;
        /// @dev First slot the session could charge in (inclusive).
        uint64 firstSlot;
        /// @dev Last slot the session could charge in (inclusive).
        uint64 lastSlot;
        /// @dev Energy delivered to the vehicle, Wh.
        uint64 deliveredWh;
        /// @dev Slots green Wh are claimed in, strictly ascending, each within [firstSlot, lastSlot].
        uint64[] claimSlots;
        /// @dev Green Wh claimed per entry of claimSlots.
        uint64[] claimWh;
        /// @dev keccak256 of the canonical receipt JSON bytes.
        bytes32 receiptHash;
        /// @dev The driver whose wallet signed this attestation.
        address driver;
    }

    /// @notice What the ledger stores about an attested session.
    struct AttestationRecord {
        Status status;
        /// @dev Reason code given at revocation (0 while attested).
        uint16 revokeReason;
        address driver;
        bytes32 siteId;
        bytes32 stationId;
        bytes32 receiptHash;
        uint64 firstSlot;
        uint64 lastSlot;
        uint64 deliveredWh;
        /// @dev Sum of claimWh, Wh.
        uint64 greenWhClaimed;
        /// @dev Block the attestation was recorded in.
        uint64 attestedBlock;
        uint64[] claimSlots;
        uint64[] claimWh;
    }

    /// @notice Green supply registered for a (site, slot) was registered before.
    error SupplyAlreadyRegistered(bytes32 siteId, uint64 slot);
    /// @notice The source breakdown of a supply entry does not sum to its green Wh.
    error SourceBreakdownMismatch(bytes32 siteId, uint64 slot, uint64 greenWh, uint64 sourceSumWh);
    /// @notice The session id was attested before (attestations are single-use, even after revocation).
    error SessionAlreadyAttested(bytes32 sessionId);
    /// @notice firstSlot is after lastSlot.
    error InvalidSlotRange(uint64 firstSlot, uint64 lastSlot);
    /// @notice claimSlots and claimWh differ in length.
    error ClaimLengthMismatch(uint256 slotCount, uint256 whCount);
    /// @notice A claimed slot is outside the session's slot range or not strictly ascending.
    error InvalidClaimSlot(bytes32 sessionId, uint64 slot);
    /// @notice The green Wh claimed exceed the Wh delivered.
    error ClaimExceedsDelivered(bytes32 sessionId, uint64 claimedWh, uint64 deliveredWh);
    /// @notice The claim would make the total claimed for (site, slot) exceed the registered green supply.
    error InsufficientGreenSupply(bytes32 siteId, uint64 slot, uint64 requestedWh, uint64 availableWh);
    /// @notice The EIP-712 signature was not made by the attestation's driver.
    error InvalidDriverSignature(bytes32 sessionId, address recovered, address driver);
    /// @notice Only the driver or an operator may submit an attestation.
    error UnauthorizedSubmitter(address sender);
    /// @notice No attestation exists for the session id.
    error SessionNotAttested(bytes32 sessionId);
    /// @notice The attestation was revoked before.
    error AttestationAlreadyRevoked(bytes32 sessionId);

    /// @notice Emitted when an operator registered green supply for a (site, slot).
    event GreenSupplyRegistered(
        bytes32 indexed siteId, uint64 indexed slot, address indexed operator, uint64 greenWh, uint64[4] sourceWh, bytes32 evidenceHash
    );
    /// @notice Emitted when a session attestation was recorded and its green claims booked.
    event SessionAttested(
        bytes32 indexed sessionId,
        bytes32 indexed siteId,
        address indexed driver,
        bytes32 receiptHash,
        uint64 deliveredWh,
        uint64 greenWhClaimed
    );
    /// @notice Emitted when an operator revoked an attestation and released its green claims.
    event AttestationRevoked(bytes32 indexed sessionId, address indexed operator, uint16 reasonCode);

    /// @notice Registers green supply for finished slots. Operator only.
    /// @param entries One entry per (site, slot); each (site, slot) can be registered once.
    function registerGreenSupply(SupplyEntry[] calldata entries) external;

    /// @notice Records a driver-signed session attestation and books its green claims against supply.
    /// @dev Submitted by the driver or an operator. Reverts if the session id was used before or any
    /// claim would exceed the supply left for its (site, slot).
    /// @param attestation The key figures, as signed.
    /// @param signature The driver's EIP-712 signature over `attestation`.
    function attestSession(Attestation calldata attestation, bytes calldata signature) external;

    /// @notice Revokes an attestation and releases its green claims. Operator only.
    /// @param sessionId The attested session.
    /// @param reasonCode Why (1 wrong figures, 2 meter fault, 3 driver request, 4 fraud; others app-defined).
    function revoke(bytes32 sessionId, uint16 reasonCode) external;

    /// @notice The stored attestation of a session (status None if never attested).
    /// @param sessionId keccak256 of the session id string.
    function getAttestation(bytes32 sessionId) external view returns (AttestationRecord memory);

    /// @notice Registered and claimed green Wh for one (site, slot).
    /// @return greenWh Registered green supply, Wh.
    /// @return claimedWh Currently claimed by live attestations, Wh.
    /// @return sourceWh Breakdown [SOLAR, WIND, WATER, GENERAL_GREEN], Wh.
    /// @return evidenceHash Hash of the off-chain evidence.
    function greenSupply(bytes32 siteId, uint64 slot)
        external
        view
        returns (uint64 greenWh, uint64 claimedWh, uint64[4] memory sourceWh, bytes32 evidenceHash);

    /// @notice The EIP-712 digest the driver signs for `attestation` (domain of this contract and chain).
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);

    /// @notice keccak256 of canonical receipt bytes: the same hash the app computes and attestations carry.
    function receiptHashOf(bytes calldata canonicalReceipt) external pure returns (bytes32);
}
