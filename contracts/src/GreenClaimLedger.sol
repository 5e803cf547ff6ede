// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IGreenClaimLedger} from "./IGreenClaimLedger.sol";

/// @title GreenClaimLedger (version 2)
/// @notice See {IGreenClaimLedger}. The registry admin (two-step transfer, OpenZeppelin
/// AccessControlDefaultAdminRules) registers sites; everything else is scoped to one site's roles.
/// @dev No external calls except the ERC-1271 staticcall in the beneficiary signature check, and every
/// loop runs over calldata or over the caller's own claim (whose length a site signer fixed), never over
/// storage that a third party can grow.
contract GreenClaimLedger is IGreenClaimLedger, AccessControlDefaultAdminRules, EIP712 {
    /// @inheritdoc IGreenClaimLedger
    bytes32 public constant SITE_ADMIN = keccak256("SITE_ADMIN");
    /// @inheritdoc IGreenClaimLedger
    bytes32 public constant SUPPLY_REGISTRAR = keccak256("SUPPLY_REGISTRAR");
    /// @inheritdoc IGreenClaimLedger
    bytes32 public constant METERING_SIGNER = keccak256("METERING_SIGNER");

    /// @notice EIP-712 type hash of {IGreenClaimLedger.GreenClaim}.
    bytes32 public constant GREEN_CLAIM_TYPEHASH =
        keccak256("GreenClaim(uint64 startMinute,uint16 lengthMinutes,uint8 source,uint64 wh)");
    /// @notice EIP-712 type hash of {IGreenClaimLedger.MeteredReceipt}.
    bytes32 public constant METERED_RECEIPT_TYPEHASH = keccak256(
        "MeteredReceipt(bytes32 siteId,bytes32 sessionId,bytes32 stationId,address beneficiary,uint64 startMinute,uint64 endMinute,uint64 deliveredWh,GreenClaim[] claims,bytes32 receiptHash,uint32 revision,uint64 deadline)GreenClaim(uint64 startMinute,uint16 lengthMinutes,uint8 source,uint64 wh)"
    );

    uint16 private constant MAX_SLOT_MINUTES = 60;
    uint8 private constant SOURCES = 4;
    /// @dev Most green Wh one (slot, source) may hold: 10^12 Wh = 1 TWh in at most one hour, far above any real
    /// plant. Wh ids are one global 88-bit counter, so without this bound a registrar of one site could burn the
    /// whole id space (2^64 ids per issuance) and block registration, raising amendments and revokes of all sites.
    uint64 private constant MAX_SOURCE_WH = 1e12;

    /// @dev Storage form of a bundle, packed in one slot (a claim splits one off per green claim, so this is the
    /// hot path): the site as its registration index, the start minute in 40 bits (registration refuses slots
    /// ending after minute 2^40 - 1, about 2 million years), Wh ids in 88 bits (the ABI shows them as uint96).
    /// deviceId and issuingBody are joined in from slot and site by the {bundle} view.
    struct BundleRecord {
        uint32 siteIndex;
        uint40 startMinute;
        uint16 lengthMinutes;
        uint8 source;
        BundleStatus status;
        uint88 firstWhId;
        uint64 faceWh;
    }

    mapping(bytes32 siteId => SiteRecord) private _sites;
    /// @dev Registration index of each site (1-based) and back, so a bundle fits one storage slot.
    mapping(bytes32 siteId => uint32) private _siteIndex;
    mapping(uint32 siteIndex => bytes32) private _siteIdOf;
    mapping(bytes32 siteId => mapping(bytes32 role => mapping(address account => bool))) private _siteRoles;
    /// @dev Minute occupancy per site and UTC hour (bit m = minute m of the hour): a <= 60-min slot spans <= 2 hours.
    mapping(bytes32 siteId => mapping(uint64 hour => uint256 bits)) private _occupied;
    mapping(bytes32 slotKey => SlotState) private _slots;
    mapping(uint64 bundleId => BundleRecord) private _bundles;
    mapping(bytes32 siteId => mapping(bytes32 sessionId => ClaimRecord)) private _claims;
    mapping(bytes32 receiptDigest => bool) private _usedDigests;
    mapping(bytes32 siteId => mapping(bytes32 root => AnchorRecord)) private _anchors;

    uint64 private _bundleCount;
    uint88 private _nextWhId = 1;
    uint32 private _siteCount;

    /// @param registryAdmin Receives DEFAULT_ADMIN_ROLE (registers sites); address(0) is refused.
    /// @param adminTransferDelay Seconds a registry-admin transfer must wait before it can be accepted.
    constructor(address registryAdmin, uint48 adminTransferDelay)
        AccessControlDefaultAdminRules(adminTransferDelay, registryAdmin)
        EIP712("GreenSlot", "2")
    {}

    // ------------------------------------------------------------------ roles and sites

    /// @inheritdoc IGreenClaimLedger
    function registerSite(bytes32 siteId, address siteAdmin, bytes32 issuingBody)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (siteId == bytes32(0)) revert ZeroValue("siteId");
        if (siteAdmin == address(0)) revert ZeroAddress("siteAdmin");
        if (issuingBody == bytes32(0)) revert ZeroValue("issuingBody");
        SiteRecord storage site = _sites[siteId];
        if (site.registered) revert SiteAlreadyRegistered(siteId);
        site.registered = true;
        site.admin = siteAdmin;
        site.issuingBody = issuingBody;
        // 2^32 - 1 sites before this reverts (checked increment): unreachable, the registry admin registers each one.
        uint32 index = ++_siteCount;
        _siteIndex[siteId] = index;
        _siteIdOf[index] = siteId;
        emit SiteRegistered(siteId, siteAdmin, issuingBody, msg.sender);
        emit SiteRoleGranted(siteId, SITE_ADMIN, siteAdmin, msg.sender);
    }

    /// @inheritdoc IGreenClaimLedger
    function grantSiteRole(bytes32 siteId, bytes32 role, address account) external {
        _requireSiteAdmin(siteId);
        _requireGrantableRole(role);
        if (account == address(0)) revert ZeroAddress("account");
        if (_siteRoles[siteId][role][account]) return;
        _siteRoles[siteId][role][account] = true;
        emit SiteRoleGranted(siteId, role, account, msg.sender);
    }

    /// @inheritdoc IGreenClaimLedger
    function revokeSiteRole(bytes32 siteId, bytes32 role, address account) external {
        _requireSiteAdmin(siteId);
        _requireGrantableRole(role);
        if (!_siteRoles[siteId][role][account]) return;
        _siteRoles[siteId][role][account] = false;
        emit SiteRoleRevoked(siteId, role, account, msg.sender);
    }

    /// @inheritdoc IGreenClaimLedger
    function beginSiteAdminTransfer(bytes32 siteId, address newAdmin) external {
        _requireSiteAdmin(siteId);
        if (newAdmin == address(0)) revert ZeroAddress("newAdmin");
        _sites[siteId].pendingAdmin = newAdmin;
        emit SiteAdminTransferStarted(siteId, msg.sender, newAdmin);
    }

    /// @inheritdoc IGreenClaimLedger
    function cancelSiteAdminTransfer(bytes32 siteId) external {
        _requireSiteAdmin(siteId);
        address pending = _sites[siteId].pendingAdmin;
        if (pending == address(0)) revert SiteAdminTransferNotPending(siteId, address(0));
        delete _sites[siteId].pendingAdmin;
        emit SiteAdminTransferCancelled(siteId, pending);
    }

    /// @inheritdoc IGreenClaimLedger
    function acceptSiteAdminTransfer(bytes32 siteId) external {
        SiteRecord storage site = _sites[siteId];
        // An unregistered site has pendingAdmin 0, which msg.sender can never be.
        if (site.pendingAdmin != msg.sender) revert SiteAdminTransferNotPending(siteId, msg.sender);
        address previous = site.admin;
        site.admin = msg.sender;
        delete site.pendingAdmin;
        emit SiteRoleRevoked(siteId, SITE_ADMIN, previous, msg.sender);
        emit SiteRoleGranted(siteId, SITE_ADMIN, msg.sender, msg.sender);
        emit SiteAdminTransferred(siteId, previous, msg.sender);
    }

    /// @inheritdoc IGreenClaimLedger
    function siteOf(bytes32 siteId) external view returns (SiteRecord memory) {
        return _sites[siteId];
    }

    /// @inheritdoc IGreenClaimLedger
    function hasSiteRole(bytes32 siteId, bytes32 role, address account) public view returns (bool) {
        if (role == SITE_ADMIN) return account != address(0) && _sites[siteId].admin == account;
        return _siteRoles[siteId][role][account];
    }

    /// @dev Site roles live per site ({grantSiteRole}); the inherited ledger-wide role table holds only
    /// DEFAULT_ADMIN_ROLE, so OpenZeppelin's hasRole/RoleGranted never show a ledger-wide signer or registrar
    /// that the ledger would not honour.
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        if (role != DEFAULT_ADMIN_ROLE) revert InvalidSiteRole(role);
        return super._grantRole(role, account);
    }

    // ------------------------------------------------------------------ supply

    /// @inheritdoc IGreenClaimLedger
    function registerSupply(bytes32 siteId, SupplySlot[] calldata slots) external {
        _requireSiteRole(siteId, SUPPLY_REGISTRAR);
        if (slots.length == 0) revert ZeroValue("slots");
        bytes32 issuingBody = _sites[siteId].issuingBody;
        for (uint256 i = 0; i < slots.length; ++i) {
            SupplySlot calldata s = slots[i];
            // A GC names its production device, and supply needs a measurement (evidence) behind it.
            if (s.deviceId == bytes32(0)) revert ZeroValue("deviceId");
            if (s.evidenceHash == bytes32(0)) revert ZeroValue("evidenceHash");
            _occupy(siteId, s.startMinute, s.lengthMinutes);
            SlotState storage slot = _slots[_slotKey(siteId, s.startMinute, s.lengthMinutes)];
            slot.version = 1;
            slot.deviceId = s.deviceId;
            slot.evidenceHash = s.evidenceHash;
            slot.registeredWh = s.sourceWh;
            emit SupplyRegistered(
                siteId, s.startMinute, s.lengthMinutes, s.deviceId, s.evidenceHash, s.sourceWh, msg.sender
            );
            for (uint8 source = 0; source < SOURCES; ++source) {
                uint64 wh = s.sourceWh[source];
                if (wh > MAX_SOURCE_WH) revert WhOverflow(wh);
                if (wh > 0) {
                    slot.activeBundleId[source] = _issue(siteId, s.startMinute, s.lengthMinutes, source, wh, s.deviceId, issuingBody);
                }
            }
        }
    }

    /// @inheritdoc IGreenClaimLedger
    function amendSupply(
        bytes32 siteId,
        uint64 startMinute,
        uint16 lengthMinutes,
        uint64[4] calldata newSourceWh,
        bytes32 newEvidenceHash
    ) external {
        _requireSiteRole(siteId, SUPPLY_REGISTRAR);
        SlotState storage slot = _slots[_slotKey(siteId, startMinute, lengthMinutes)];
        if (slot.version == 0) revert SlotNotRegistered(siteId, startMinute, lengthMinutes);
        if (newEvidenceHash == bytes32(0)) revert ZeroValue("evidenceHash");
        for (uint8 source = 0; source < SOURCES; ++source) {
            if (newSourceWh[source] > MAX_SOURCE_WH) revert WhOverflow(newSourceWh[source]);
            if (newSourceWh[source] < slot.claimedWh[source]) {
                revert AmendmentBelowClaimed(
                    siteId, startMinute, lengthMinutes, source, newSourceWh[source], slot.claimedWh[source]
                );
            }
        }
        uint64[4] memory previous = slot.registeredWh;
        slot.registeredWh = newSourceWh;
        slot.evidenceHash = newEvidenceHash;
        uint32 version = ++slot.version;
        emit SupplyAmended(siteId, startMinute, lengthMinutes, version, previous, newSourceWh, newEvidenceHash, msg.sender);
        for (uint8 source = 0; source < SOURCES; ++source) {
            // Both differences are >= 0: registered >= claimed before (invariant) and after (checked above).
            uint64 oldAvailable = previous[source] - slot.claimedWh[source];
            uint64 newAvailable = newSourceWh[source] - slot.claimedWh[source];
            if (newAvailable < oldAvailable) {
                _withdrawTail(slot, siteId, source, oldAvailable - newAvailable);
            } else if (newAvailable > oldAvailable) {
                _reissue(slot, siteId, startMinute, lengthMinutes, source, newAvailable - oldAvailable);
            }
        }
    }

    /// @inheritdoc IGreenClaimLedger
    function getSlot(bytes32 siteId, uint64 startMinute, uint16 lengthMinutes) external view returns (SlotState memory) {
        return _slots[_slotKey(siteId, startMinute, lengthMinutes)];
    }

    /// @inheritdoc IGreenClaimLedger
    function bundle(uint64 bundleId) external view returns (GreenCertificateBundle memory b) {
        BundleRecord storage r = _bundles[bundleId];
        if (r.status == BundleStatus.None) return b;
        b.siteId = _siteIdOf[r.siteIndex];
        b.deviceId = _slots[_slotKey(b.siteId, r.startMinute, r.lengthMinutes)].deviceId;
        b.issuingBody = _sites[b.siteId].issuingBody;
        b.startMinute = r.startMinute;
        b.lengthMinutes = r.lengthMinutes;
        b.source = r.source;
        b.status = r.status;
        b.firstWhId = r.firstWhId;
        b.faceWh = r.faceWh;
    }

    /// @inheritdoc IGreenClaimLedger
    function bundleCount() external view returns (uint64) {
        return _bundleCount;
    }

    /// @inheritdoc IGreenClaimLedger
    function nextWhId() external view returns (uint96) {
        return _nextWhId;
    }

    // ------------------------------------------------------------------ claims

    /// @inheritdoc IGreenClaimLedger
    function claim(MeteredReceipt calldata r, bytes calldata siteSig, bytes calldata beneficiarySig) external {
        bytes32 digest = _receiptDigest(r);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, siteSig);
        if (err != ECDSA.RecoverError.NoError || !_siteRoles[r.siteId][METERING_SIGNER][signer]) {
            revert InvalidSiteSignature(r.siteId, err == ECDSA.RecoverError.NoError ? signer : address(0));
        }
        _claim(r, digest, beneficiarySig, bytes32(0));
    }

    /// @inheritdoc IGreenClaimLedger
    function claimWithProof(
        MeteredReceipt calldata r,
        bytes32 root,
        bytes32[] calldata proof,
        bytes calldata beneficiarySig
    ) external {
        bytes32 digest = _receiptDigest(r);
        _requireUsableAnchor(root, r.siteId);
        bytes32 leaf = _leaf(digest);
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert InvalidMerkleProof(root, leaf);
        _claim(r, digest, beneficiarySig, root);
    }

    /// @inheritdoc IGreenClaimLedger
    function revoke(bytes32 siteId, bytes32 sessionId, uint16 reasonCode) external {
        if (!hasSiteRole(siteId, SITE_ADMIN, msg.sender) && !_siteRoles[siteId][SUPPLY_REGISTRAR][msg.sender]) {
            revert SiteUnauthorizedAccount(siteId, msg.sender, SUPPLY_REGISTRAR);
        }
        ClaimRecord storage c = _claims[siteId][sessionId];
        if (c.status != ClaimStatus.Live) revert ClaimNotLive(siteId, sessionId);
        c.status = ClaimStatus.Revoked;
        c.revokeReason = reasonCode;
        // Every receipt of the session signed before now carries a lower revision and can no longer be claimed.
        unchecked {
            ++c.revision; // a uint32 count of revocations, each a paid transaction by site staff
        }
        uint256 n = c.bundleIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint64 id = c.bundleIds[i];
            BundleRecord storage b = _bundles[id];
            SlotState storage slot = _slots[_slotKey(siteId, b.startMinute, b.lengthMinutes)];
            uint8 source = b.source;
            uint64 wh = b.faceWh;
            // Cannot underflow: the claim added exactly wh to claimedWh and amendments never go below it.
            slot.claimedWh[source] -= wh;
            b.status = BundleStatus.Withdrawn;
            emit BundleWithdrawn(id, siteId, id, b.firstWhId, wh, WithdrawReason.Released);
            _reissue(slot, siteId, b.startMinute, b.lengthMinutes, source, wh);
        }
        emit ClaimRevoked(siteId, sessionId, msg.sender, reasonCode, c.greenWh);
    }

    /// @inheritdoc IGreenClaimLedger
    function getClaim(bytes32 siteId, bytes32 sessionId) external view returns (ClaimRecord memory) {
        return _claims[siteId][sessionId];
    }

    /// @inheritdoc IGreenClaimLedger
    function claimRanges(bytes32 siteId, bytes32 sessionId) external view returns (ClaimedRange[] memory ranges) {
        uint64[] storage ids = _claims[siteId][sessionId].bundleIds;
        ranges = new ClaimedRange[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            BundleRecord storage b = _bundles[ids[i]];
            ranges[i] = ClaimedRange({
                bundleId: ids[i],
                startMinute: b.startMinute,
                lengthMinutes: b.lengthMinutes,
                source: b.source,
                status: b.status,
                firstWhId: b.firstWhId,
                wh: b.faceWh
            });
        }
    }

    /// @inheritdoc IGreenClaimLedger
    function receiptRevision(bytes32 siteId, bytes32 sessionId) external view returns (uint32) {
        return _claims[siteId][sessionId].revision;
    }

    /// @inheritdoc IGreenClaimLedger
    function isReceiptUsed(bytes32 digest) external view returns (bool) {
        return _usedDigests[digest];
    }

    /// @inheritdoc IGreenClaimLedger
    function receiptDigest(MeteredReceipt calldata r) external view returns (bytes32) {
        return _receiptDigest(r);
    }

    // ------------------------------------------------------------------ anchoring

    /// @inheritdoc IGreenClaimLedger
    function anchor(
        bytes32 siteId,
        bytes32 root,
        uint64 periodStartMinute,
        uint32 periodLengthMinutes,
        uint32 receiptCount
    ) external {
        _requireSiteRole(siteId, METERING_SIGNER);
        if (root == bytes32(0)) revert ZeroValue("root");
        if (periodLengthMinutes == 0) revert ZeroValue("periodLengthMinutes");
        if (receiptCount == 0) revert ZeroValue("receiptCount");
        AnchorRecord storage a = _anchors[siteId][root];
        if (a.anchoredBlock != 0) revert RootAlreadyAnchored(root);
        // a.siteId is the mapping key: not stored (one storage slot less per anchor), filled in by anchorOf.
        a.signer = msg.sender;
        a.periodStartMinute = periodStartMinute;
        a.periodLengthMinutes = periodLengthMinutes;
        a.receiptCount = receiptCount;
        a.anchoredBlock = uint64(block.number);
        emit ReceiptsAnchored(siteId, root, msg.sender, periodStartMinute, periodLengthMinutes, receiptCount);
    }

    /// @inheritdoc IGreenClaimLedger
    function revokeAnchor(bytes32 siteId, bytes32 root, uint16 reasonCode) external {
        _requireSiteAdmin(siteId);
        AnchorRecord storage a = _anchors[siteId][root];
        if (a.anchoredBlock == 0) revert RootNotAnchored(root);
        if (a.revoked) revert AnchorRevoked(root);
        a.revoked = true;
        emit AnchorRevokedBySite(siteId, root, msg.sender, reasonCode);
    }

    /// @inheritdoc IGreenClaimLedger
    function isAnchored(bytes32 siteId, bytes32 root) external view returns (bool) {
        AnchorRecord storage a = _anchors[siteId][root];
        return a.anchoredBlock != 0 && !a.revoked;
    }

    /// @inheritdoc IGreenClaimLedger
    function anchorOf(bytes32 siteId, bytes32 root) external view returns (AnchorRecord memory) {
        AnchorRecord memory rec = _anchors[siteId][root];
        if (rec.anchoredBlock != 0) rec.siteId = siteId;
        return rec;
    }

    /// @inheritdoc IGreenClaimLedger
    function verifyAnchoredReceipt(MeteredReceipt calldata r, bytes32 root, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        AnchorRecord storage a = _anchors[r.siteId][root];
        if (a.anchoredBlock == 0 || a.revoked) return false;
        return MerkleProof.verifyCalldata(proof, root, _leaf(_receiptDigest(r)));
    }

    // ------------------------------------------------------------------ internals

    /// @dev Shared body of claim and claimWithProof, after the site's vouching (signature or proof) was checked.
    function _claim(MeteredReceipt calldata r, bytes32 digest, bytes calldata beneficiarySig, bytes32 root) private {
        if (block.timestamp > r.deadline) revert ReceiptExpired(r.deadline, block.timestamp);
        if (r.beneficiary == address(0)) revert ZeroAddress("beneficiary");
        if (r.endMinute <= r.startMinute) revert InvalidWindow(r.startMinute, r.endMinute);
        ClaimRecord storage c = _claims[r.siteId][r.sessionId];
        if (c.status == ClaimStatus.Live) revert ClaimAlreadyLive(r.siteId, r.sessionId);
        if (_usedDigests[digest]) revert ReceiptAlreadyUsed(digest);
        if (r.revision != c.revision) revert StaleReceiptRevision(r.siteId, r.sessionId, r.revision, c.revision);
        // The only external call (ERC-1271 isValidSignature, a staticcall) happens before any state change.
        if (
            msg.sender != r.beneficiary
                && !SignatureChecker.isValidSignatureNowCalldata(r.beneficiary, digest, beneficiarySig)
        ) revert InvalidBeneficiarySignature(r.beneficiary);

        _usedDigests[digest] = true;
        c.status = ClaimStatus.Live;
        c.revokeReason = 0;
        c.beneficiary = r.beneficiary;
        c.claimedBlock = uint64(block.number);
        c.deliveredWh = r.deliveredWh;
        c.byProof = root != bytes32(0);
        c.receiptDigest = digest;
        c.receiptHash = r.receiptHash;
        delete c.bundleIds; // a revoked earlier claim of this session left its ids here

        uint256 total;
        uint256 previousKey;
        uint256 n = r.claims.length;
        for (uint256 i = 0; i < n; ++i) {
            GreenClaim calldata g = r.claims[i];
            if (g.source >= SOURCES) revert InvalidSource(g.source);
            if (g.wh == 0) revert EmptyGreenClaim(i);
            uint256 key = (uint256(g.startMinute) << 8) | g.source;
            if (i > 0 && key <= previousKey) revert InvalidClaimOrder(i);
            previousKey = key;
            if (g.startMinute < r.startMinute || uint256(g.startMinute) + g.lengthMinutes > r.endMinute) {
                revert ClaimOutsideWindow(i, g.startMinute, g.lengthMinutes);
            }
            c.bundleIds.push(_cancel(r.siteId, r.sessionId, g));
            // uint256 accumulator of uint64 terms cannot overflow; the uint64 bound is checked below.
            total += g.wh;
        }
        if (total > type(uint64).max) revert WhOverflow(total);
        if (total > r.deliveredWh) revert ClaimExceedsDelivered(uint64(total), r.deliveredWh);
        c.greenWh = uint64(total);
        emit ReceiptClaimed(r.siteId, r.sessionId, r.beneficiary, digest, r.receiptHash, r.deliveredWh, uint64(total), root);
    }

    /// @dev Cancels g.wh Wh ids from the front of the slot's active bundle; returns the bundle now holding them.
    function _cancel(bytes32 siteId, bytes32 sessionId, GreenClaim calldata g) private returns (uint64 id) {
        SlotState storage slot = _slots[_slotKey(siteId, g.startMinute, g.lengthMinutes)];
        if (slot.version == 0) revert SlotNotRegistered(siteId, g.startMinute, g.lengthMinutes);
        uint8 source = g.source;
        // registered >= claimed always holds; available equals the active bundle's face value.
        uint64 available = slot.registeredWh[source] - slot.claimedWh[source];
        if (g.wh > available) {
            revert InsufficientGreenSupply(siteId, g.startMinute, g.lengthMinutes, source, g.wh, available);
        }
        slot.claimedWh[source] += g.wh;
        uint64 activeId = slot.activeBundleId[source];
        BundleRecord storage active = _bundles[activeId];
        uint88 first = active.firstWhId;
        if (g.wh == active.faceWh) {
            active.status = BundleStatus.Claimed;
            slot.activeBundleId[source] = 0;
            id = activeId;
        } else {
            id = _newBundle(active, BundleStatus.Claimed, first, g.wh);
            active.firstWhId = first + g.wh;
            active.faceWh -= g.wh;
        }
        emit BundleCancelled(id, siteId, sessionId, activeId, first, g.wh);
    }

    /// @dev Withdraws `wh` Wh ids from the end of the slot's active bundle (an amendment lowered the supply).
    function _withdrawTail(SlotState storage slot, bytes32 siteId, uint8 source, uint64 wh) private {
        uint64 activeId = slot.activeBundleId[source];
        BundleRecord storage active = _bundles[activeId];
        uint64 keep = active.faceWh - wh;
        uint88 first = active.firstWhId + keep;
        uint64 id = activeId;
        if (keep == 0) {
            active.status = BundleStatus.Withdrawn;
            slot.activeBundleId[source] = 0;
        } else {
            id = _newBundle(active, BundleStatus.Withdrawn, first, wh);
            active.faceWh = keep;
        }
        emit BundleWithdrawn(id, siteId, activeId, first, wh, WithdrawReason.Amended);
    }

    /// @dev Makes `extraWh` more Wh claimable: withdraws the active remainder (if any) and issues one new active
    /// bundle of remainder + extra, so each (slot, source) keeps a single active bundle and every green claim
    /// cancels exactly one contiguous id range.
    function _reissue(
        SlotState storage slot,
        bytes32 siteId,
        uint64 startMinute,
        uint16 lengthMinutes,
        uint8 source,
        uint64 extraWh
    ) private {
        uint64 wh = extraWh;
        uint64 activeId = slot.activeBundleId[source];
        if (activeId != 0) {
            BundleRecord storage active = _bundles[activeId];
            // Cannot overflow uint64: remainder + extra = registered - claimed after the change.
            wh += active.faceWh;
            active.status = BundleStatus.Withdrawn;
            emit BundleWithdrawn(activeId, siteId, activeId, active.firstWhId, active.faceWh, WithdrawReason.Reissued);
        }
        slot.activeBundleId[source] =
            _issue(siteId, startMinute, lengthMinutes, source, wh, slot.deviceId, _sites[siteId].issuingBody);
    }

    /// @dev Issues a new active bundle with a fresh Wh id range and emits its GC fields.
    function _issue(
        bytes32 siteId,
        uint64 startMinute,
        uint16 lengthMinutes,
        uint8 source,
        uint64 wh,
        bytes32 deviceId,
        bytes32 issuingBody
    ) private returns (uint64 id) {
        uint88 first = _nextWhId;
        uint256 end = uint256(first) + wh;
        if (end > type(uint88).max) revert WhOverflow(end);
        _nextWhId = uint88(end);
        id = ++_bundleCount;
        _bundles[id] = BundleRecord({
            siteIndex: _siteIndex[siteId],
            // Fits: registration refuses slots ending after type(uint40).max (see _occupy).
            startMinute: uint40(startMinute),
            lengthMinutes: lengthMinutes,
            source: source,
            status: BundleStatus.Active,
            firstWhId: first,
            faceWh: wh
        });
        emit BundleIssued(
            id,
            siteId,
            GreenCertificateBundle({
                siteId: siteId,
                deviceId: deviceId,
                issuingBody: issuingBody,
                startMinute: startMinute,
                lengthMinutes: lengthMinutes,
                source: source,
                status: BundleStatus.Active,
                firstWhId: first,
                faceWh: wh
            })
        );
    }

    /// @dev Splits a new bundle with `status` off `parent` (same site, slot and source) for ids [first, first + wh).
    function _newBundle(BundleRecord storage parent, BundleStatus status, uint88 first, uint64 wh)
        private
        returns (uint64 id)
    {
        id = ++_bundleCount;
        _bundles[id] = BundleRecord({
            siteIndex: parent.siteIndex,
            startMinute: parent.startMinute,
            lengthMinutes: parent.lengthMinutes,
            source: parent.source,
            status: status,
            firstWhId: first,
            faceWh: wh
        });
    }

    /// @dev Marks the minutes [startMinute, startMinute + lengthMinutes) of the site as registered, or reverts.
    function _occupy(bytes32 siteId, uint64 startMinute, uint16 lengthMinutes) private {
        if (lengthMinutes == 0 || lengthMinutes > MAX_SLOT_MINUTES || uint256(startMinute) + lengthMinutes > type(uint40).max) {
            revert InvalidSlotLength(startMinute, lengthMinutes);
        }
        uint64 hour = startMinute / 60;
        uint256 offset = startMinute % 60;
        uint256 inFirst = offset + lengthMinutes <= 60 ? lengthMinutes : 60 - offset;
        uint256 firstMask = ((uint256(1) << inFirst) - 1) << offset;
        mapping(uint64 => uint256) storage bits = _occupied[siteId];
        if (bits[hour] & firstMask != 0) revert SlotOverlaps(siteId, startMinute, lengthMinutes);
        bits[hour] |= firstMask;
        uint256 inSecond = lengthMinutes - inFirst;
        if (inSecond > 0) {
            uint256 secondMask = (uint256(1) << inSecond) - 1;
            if (bits[hour + 1] & secondMask != 0) revert SlotOverlaps(siteId, startMinute, lengthMinutes);
            bits[hour + 1] |= secondMask;
        }
    }

    function _requireSiteRole(bytes32 siteId, bytes32 role) private view {
        if (!_siteRoles[siteId][role][msg.sender]) revert SiteUnauthorizedAccount(siteId, msg.sender, role);
    }

    function _requireSiteAdmin(bytes32 siteId) private view {
        if (!_sites[siteId].registered) revert UnknownSite(siteId);
        if (_sites[siteId].admin != msg.sender) revert SiteUnauthorizedAccount(siteId, msg.sender, SITE_ADMIN);
    }

    function _requireGrantableRole(bytes32 role) private pure {
        if (role != SUPPLY_REGISTRAR && role != METERING_SIGNER) revert InvalidSiteRole(role);
    }

    function _requireUsableAnchor(bytes32 root, bytes32 siteId) private view {
        AnchorRecord storage a = _anchors[siteId][root];
        if (a.anchoredBlock == 0) revert RootNotAnchored(root);
        if (a.revoked) revert AnchorRevoked(root);
    }

    function _slotKey(bytes32 siteId, uint64 startMinute, uint16 lengthMinutes) private pure returns (bytes32) {
        return keccak256(abi.encode(siteId, startMinute, lengthMinutes));
    }

    /// @dev OpenZeppelin StandardMerkleTree leaf of a ["bytes32"] value (double hash: no second-preimage forgery).
    function _leaf(bytes32 digest) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(digest))));
    }

    /// @dev EIP-712 digest of a MeteredReceipt; the struct hash is split over two abi.encode calls (the same
    /// 32-byte words concatenated) to stay within the EVM stack.
    function _receiptDigest(MeteredReceipt calldata r) private view returns (bytes32) {
        uint256 n = r.claims.length;
        bytes32[] memory claimHashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            GreenClaim calldata g = r.claims[i];
            claimHashes[i] = keccak256(abi.encode(GREEN_CLAIM_TYPEHASH, g.startMinute, g.lengthMinutes, g.source, g.wh));
        }
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(METERED_RECEIPT_TYPEHASH, r.siteId, r.sessionId, r.stationId, r.beneficiary, r.startMinute),
                abi.encode(r.endMinute, r.deliveredWh, keccak256(abi.encodePacked(claimHashes)), r.receiptHash, r.revision, r.deadline)
            )
        );
        return _hashTypedDataV4(structHash);
    }
}
