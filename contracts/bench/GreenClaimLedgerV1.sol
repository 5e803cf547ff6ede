// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IGreenClaimLedgerV1} from "./IGreenClaimLedgerV1.sol";

/// @title GreenClaimLedgerV1 (issue 4; kept only so cli/bench/gas.ts can measure its attestSession)
/// @notice See {IGreenClaimLedgerV1}. Admin grants OPERATOR_ROLE; operators register supply and revoke.
contract GreenClaimLedgerV1 is IGreenClaimLedgerV1, AccessControl, EIP712 {
    /// @notice Role allowed to register green supply and revoke attestations.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice EIP-712 type hash of {IGreenClaimLedgerV1.Attestation}.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(bytes32 sessionId,bytes32 siteId,bytes32 stationId,uint64 firstSlot,uint64 lastSlot,uint64 deliveredWh,uint64[] claimSlots,uint64[] claimWh,bytes32 receiptHash,address driver)"
    );

    /// @dev greenWh, claimedWh and registered share one storage slot (3 slots per (site, slot) in all).
    struct Supply {
        uint64 greenWh;
        uint64 claimedWh;
        bool registered;
        uint64[4] sourceWh;
        bytes32 evidenceHash;
    }

    mapping(bytes32 siteId => mapping(uint64 slot => Supply)) private _supply;
    mapping(bytes32 sessionId => AttestationRecord) private _attestations;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants and revokes operators).
    /// @param firstOperator Receives OPERATOR_ROLE (address(0) for none).
    constructor(address admin, address firstOperator) EIP712("GreenSlot", "1") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (firstOperator != address(0)) _grantRole(OPERATOR_ROLE, firstOperator);
    }

    /// @inheritdoc IGreenClaimLedgerV1
    function registerGreenSupply(SupplyEntry[] calldata entries) external onlyRole(OPERATOR_ROLE) {
        for (uint256 i = 0; i < entries.length; ++i) {
            SupplyEntry calldata e = entries[i];
            Supply storage s = _supply[e.siteId][e.slot];
            if (s.registered) revert SupplyAlreadyRegistered(e.siteId, e.slot);
            uint64 sum = e.sourceWh[0] + e.sourceWh[1] + e.sourceWh[2] + e.sourceWh[3];
            if (sum != e.greenWh) revert SourceBreakdownMismatch(e.siteId, e.slot, e.greenWh, sum);
            s.greenWh = e.greenWh;
            s.sourceWh = e.sourceWh;
            s.evidenceHash = e.evidenceHash;
            s.registered = true;
            emit GreenSupplyRegistered(e.siteId, e.slot, msg.sender, e.greenWh, e.sourceWh, e.evidenceHash);
        }
    }

    /// @inheritdoc IGreenClaimLedgerV1
    function attestSession(Attestation calldata attestation, bytes calldata signature) external {
        Attestation calldata a = attestation;
        if (msg.sender != a.driver && !hasRole(OPERATOR_ROLE, msg.sender)) revert UnauthorizedSubmitter(msg.sender);
        // The session id, not the signature, is the unique key: a used id stays used even after revocation.
        if (_attestations[a.sessionId].status != Status.None) revert SessionAlreadyAttested(a.sessionId);
        if (a.firstSlot > a.lastSlot) revert InvalidSlotRange(a.firstSlot, a.lastSlot);
        if (a.claimSlots.length != a.claimWh.length) revert ClaimLengthMismatch(a.claimSlots.length, a.claimWh.length);

        address recovered = ECDSA.recover(_hashTypedDataV4(_structHash(a)), signature);
        if (recovered != a.driver) revert InvalidDriverSignature(a.sessionId, recovered, a.driver);

        uint64 total = _bookClaims(a);
        if (total > a.deliveredWh) revert ClaimExceedsDelivered(a.sessionId, total, a.deliveredWh);

        AttestationRecord storage r = _attestations[a.sessionId];
        r.status = Status.Attested;
        r.driver = a.driver;
        r.siteId = a.siteId;
        r.stationId = a.stationId;
        r.receiptHash = a.receiptHash;
        r.firstSlot = a.firstSlot;
        r.lastSlot = a.lastSlot;
        r.deliveredWh = a.deliveredWh;
        r.greenWhClaimed = total;
        r.attestedBlock = uint64(block.number);
        r.claimSlots = a.claimSlots;
        r.claimWh = a.claimWh;
        emit SessionAttested(a.sessionId, a.siteId, a.driver, a.receiptHash, a.deliveredWh, total);
    }

    /// @inheritdoc IGreenClaimLedgerV1
    function revoke(bytes32 sessionId, uint16 reasonCode) external onlyRole(OPERATOR_ROLE) {
        AttestationRecord storage r = _attestations[sessionId];
        if (r.status == Status.None) revert SessionNotAttested(sessionId);
        if (r.status == Status.Revoked) revert AttestationAlreadyRevoked(sessionId);
        r.status = Status.Revoked;
        r.revokeReason = reasonCode;
        for (uint256 i = 0; i < r.claimSlots.length; ++i) {
            _supply[r.siteId][r.claimSlots[i]].claimedWh -= r.claimWh[i];
        }
        emit AttestationRevoked(sessionId, msg.sender, reasonCode);
    }

    /// @inheritdoc IGreenClaimLedgerV1
    function getAttestation(bytes32 sessionId) external view returns (AttestationRecord memory) {
        return _attestations[sessionId];
    }

    /// @inheritdoc IGreenClaimLedgerV1
    function greenSupply(bytes32 siteId, uint64 slot)
        external
        view
        returns (uint64 greenWh, uint64 claimedWh, uint64[4] memory sourceWh, bytes32 evidenceHash)
    {
        Supply storage s = _supply[siteId][slot];
        return (s.greenWh, s.claimedWh, s.sourceWh, s.evidenceHash);
    }

    /// @inheritdoc IGreenClaimLedgerV1
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32) {
        return _hashTypedDataV4(_structHash(attestation));
    }

    /// @inheritdoc IGreenClaimLedgerV1
    function receiptHashOf(bytes calldata canonicalReceipt) external pure returns (bytes32) {
        return keccak256(canonicalReceipt);
    }

    /// @dev Checks each claim against its (site, slot) supply and books it; returns the total claimed Wh.
    function _bookClaims(Attestation calldata a) private returns (uint64 total) {
        uint64 previous;
        for (uint256 i = 0; i < a.claimSlots.length; ++i) {
            uint64 slot = a.claimSlots[i];
            // Strictly ascending slots make "once per slot per session" cheap to enforce.
            if (slot < a.firstSlot || slot > a.lastSlot || (i > 0 && slot <= previous)) {
                revert InvalidClaimSlot(a.sessionId, slot);
            }
            previous = slot;
            uint64 wh = a.claimWh[i];
            Supply storage s = _supply[a.siteId][slot];
            uint64 available = s.greenWh - s.claimedWh;
            if (wh > available) revert InsufficientGreenSupply(a.siteId, slot, wh, available);
            s.claimedWh += wh;
            total += wh;
        }
    }

    /// @dev EIP-712 struct hash; arrays are hashed as the keccak of their 32-byte-padded elements.
    function _structHash(Attestation calldata a) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ATTESTATION_TYPEHASH,
                a.sessionId,
                a.siteId,
                a.stationId,
                a.firstSlot,
                a.lastSlot,
                a.deliveredWh,
                keccak256(abi.encodePacked(a.claimSlots)),
                keccak256(abi.encodePacked(a.claimWh)),
                a.receiptHash,
                a.driver
            )
        );
    }
}
