// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title GreenSlot green-claim ledger, version 2
/// @notice Tamper-evident record of (1) green supply registered per site as granular-certificate bundles
/// (EnergyTag shape: face value in Wh, production interval <= 1 h, source, device, issuing body, Wh id range,
/// status active / claimed / withdrawn) and (2) charging-session claims backed by a receipt that the site's
/// metering signer signed (EIP-712 `MeteredReceipt`) and the beneficiary countersigned. A claim cancels Wh id
/// ranges out of the slot's bundles, so no green Wh can be claimed twice or without a measurement behind it.
/// @dev Only hashes and key figures live here; receipts, sessions and meter data stay off-chain.
/// Units: energy in integer watt-hours (Wh); times in whole minutes since the Unix epoch (UTC), except
/// `deadline` (Unix seconds). Ids are keccak256 of the UTF-8 id string. Sources (the `source` index and the
/// order of every `uint64[4]`): 0 SOLAR, 1 WIND, 2 WATER, 3 GENERAL_GREEN.
/// Roles: the registry admin (DEFAULT_ADMIN_ROLE, two-step transfer) registers sites; every site has one
/// SITE_ADMIN (two-step transfer), who grants SUPPLY_REGISTRAR and METERING_SIGNER of that site only.
/// A role on one site gives nothing on another.
interface IGreenClaimLedger {
    // ------------------------------------------------------------------ types

    /// @notice Status of a certificate bundle (EnergyTag GC: active, cancelled for a claim, withdrawn).
    enum BundleStatus {
        None,
        Active,
        Claimed,
        Withdrawn
    }

    /// @notice Why Wh ids were withdrawn.
    enum WithdrawReason {
        None,
        /// @dev An amendment lowered the registered supply below the unclaimed remainder.
        Amended,
        /// @dev A claim was revoked; its cancelled ids are retired and the Wh re-issued under new ids.
        Released,
        /// @dev The active remainder was re-issued together with new Wh (one active bundle per slot and source).
        Reissued
    }

    /// @notice Lifecycle of a claim.
    enum ClaimStatus {
        None,
        Live,
        Revoked
    }

    /// @notice A registered site.
    struct SiteRecord {
        /// @dev Current site admin (address(0) if the site is not registered).
        address admin;
        /// @dev True once registered by the registry admin.
        bool registered;
        /// @dev Address that may accept the site-admin role (address(0) if no transfer is pending).
        address pendingAdmin;
        /// @dev keccak256 of the issuing body's name (the GC scheme's issuer of this site's certificates).
        bytes32 issuingBody;
    }

    /// @notice Green supply of one production interval of a site (the GC "production interval").
    struct SupplySlot {
        /// @dev Interval start, minutes since the Unix epoch (UTC).
        uint64 startMinute;
        /// @dev Interval length in minutes, 1..60.
        uint16 lengthMinutes;
        /// @dev keccak256 of the production device id string (GC production device).
        bytes32 deviceId;
        /// @dev Hash of the off-chain evidence (meter export or certificate).
        bytes32 evidenceHash;
        /// @dev Green Wh produced per source [SOLAR, WIND, WATER, GENERAL_GREEN].
        uint64[4] sourceWh;
    }

    /// @notice Stored state of a (site, startMinute, lengthMinutes) slot.
    struct SlotState {
        /// @dev 0 = never registered; 1 at registration, +1 per amendment.
        uint32 version;
        /// @dev keccak256 of the production device id string.
        bytes32 deviceId;
        /// @dev Hash of the current off-chain evidence.
        bytes32 evidenceHash;
        /// @dev Registered green Wh per source.
        uint64[4] registeredWh;
        /// @dev Wh per source currently claimed by live claims (never above registeredWh).
        uint64[4] claimedWh;
        /// @dev Id of the single active bundle per source (0 = none); its face value = registered - claimed.
        uint64[4] activeBundleId;
    }

    /// @notice A granular-certificate bundle: Wh ids [firstWhId, firstWhId + faceWh), all of one status.
    struct GreenCertificateBundle {
        bytes32 siteId;
        /// @dev keccak256 of the production device id string.
        bytes32 deviceId;
        /// @dev keccak256 of the issuing body's name.
        bytes32 issuingBody;
        /// @dev Production interval start, minutes since the Unix epoch (UTC).
        uint64 startMinute;
        /// @dev Production interval length, minutes (<= 60).
        uint16 lengthMinutes;
        /// @dev 0 SOLAR, 1 WIND, 2 WATER, 3 GENERAL_GREEN.
        uint8 source;
        BundleStatus status;
        /// @dev First Wh id of the range (global, never reused).
        uint96 firstWhId;
        /// @dev Face value, Wh (= number of Wh ids).
        uint64 faceWh;
    }

    /// @notice Green Wh of one (slot, source) claimed by a receipt.
    struct GreenClaim {
        /// @dev Slot start, minutes since the Unix epoch (UTC).
        uint64 startMinute;
        /// @dev Slot length, minutes (must match the registered slot).
        uint16 lengthMinutes;
        /// @dev 0 SOLAR, 1 WIND, 2 WATER, 3 GENERAL_GREEN.
        uint8 source;
        /// @dev Green Wh claimed, > 0.
        uint64 wh;
    }

    /// @notice Key figures of a charging session, EIP-712-signed by the site's metering signer and the beneficiary.
    struct MeteredReceipt {
        /// @dev keccak256 of the site id string.
        bytes32 siteId;
        /// @dev keccak256 of the session id string.
        bytes32 sessionId;
        /// @dev keccak256 of the station (EVSE) id string.
        bytes32 stationId;
        /// @dev Wallet the green claim is booked for; countersigns the receipt.
        address beneficiary;
        /// @dev Charging window start, minutes since the Unix epoch (inclusive).
        uint64 startMinute;
        /// @dev Charging window end, minutes since the Unix epoch (exclusive).
        uint64 endMinute;
        /// @dev Energy measured into the vehicle, Wh.
        uint64 deliveredWh;
        /// @dev One per (slot, source), strictly ascending by (startMinute, source), each slot inside the window;
        /// the sum is <= deliveredWh.
        GreenClaim[] claims;
        /// @dev keccak256 of the canonical receipt JSON (src/lib/chain/receipt.ts).
        bytes32 receiptHash;
        /// @dev Revocation count of (site, session) when the site signed; a claim needs the current count
        /// (receiptRevision), so a revoke makes every earlier receipt of the session unclaimable.
        uint32 revision;
        /// @dev Unix seconds; the receipt cannot be claimed after it.
        uint64 deadline;
    }

    /// @notice What the ledger stores about a claim of (site, session).
    struct ClaimRecord {
        ClaimStatus status;
        /// @dev Reason code given at revocation (0 while live).
        uint16 revokeReason;
        address beneficiary;
        /// @dev Block the claim was recorded in.
        uint64 claimedBlock;
        /// @dev Energy delivered per the receipt, Wh.
        uint64 deliveredWh;
        /// @dev Sum of the receipt's green claims, Wh.
        uint64 greenWh;
        /// @dev True when claimed with a Merkle proof against an anchored root, false with a site signature.
        bool byProof;
        /// @dev How often a claim of (site, session) was revoked; a new receipt must carry it (receiptRevision).
        uint32 revision;
        /// @dev EIP-712 digest of the receipt (usable once, also after revocation).
        bytes32 receiptDigest;
        /// @dev keccak256 of the canonical receipt JSON.
        bytes32 receiptHash;
        /// @dev One bundle per green claim, in the receipt's order: the bundle cancelled for it.
        uint64[] bundleIds;
    }

    /// @notice A Wh id range a claim cancelled.
    struct ClaimedRange {
        uint64 bundleId;
        uint64 startMinute;
        uint16 lengthMinutes;
        uint8 source;
        /// @dev Claimed while the claim is live; Withdrawn after revocation.
        BundleStatus status;
        /// @dev Range [firstWhId, firstWhId + wh).
        uint96 firstWhId;
        uint64 wh;
    }

    /// @notice An anchored Merkle root of metered receipts.
    struct AnchorRecord {
        bytes32 siteId;
        /// @dev Metering signer that anchored the root.
        address signer;
        /// @dev Period the receipts finished in: start, minutes since the Unix epoch.
        uint64 periodStartMinute;
        /// @dev Period length, minutes (> 0).
        uint32 periodLengthMinutes;
        /// @dev Number of receipts (leaves) in the tree, as declared by the signer.
        uint32 receiptCount;
        /// @dev Block the root was anchored in (0 = never anchored).
        uint64 anchoredBlock;
        /// @dev True once the site admin revoked the root; proofs against it are then refused.
        bool revoked;
    }

    // ------------------------------------------------------------------ errors

    /// @notice A required address was address(0); `field` names the parameter.
    error ZeroAddress(string field);
    /// @notice A required value was zero or empty; `field` names the parameter.
    error ZeroValue(string field);
    /// @notice The site id is not registered.
    error UnknownSite(bytes32 siteId);
    /// @notice The site id was registered before.
    error SiteAlreadyRegistered(bytes32 siteId);
    /// @notice `account` lacks `role` on `siteId` (revoking a claim accepts SITE_ADMIN or SUPPLY_REGISTRAR).
    error SiteUnauthorizedAccount(bytes32 siteId, address account, bytes32 role);
    /// @notice Only SUPPLY_REGISTRAR and METERING_SIGNER can be granted or revoked (SITE_ADMIN moves by transfer);
    /// also raised by the inherited ledger-wide grantRole for any role but DEFAULT_ADMIN_ROLE (site roles are per site).
    error InvalidSiteRole(bytes32 role);
    /// @notice `account` is not the pending site admin of `siteId`.
    error SiteAdminTransferNotPending(bytes32 siteId, address account);
    /// @notice A slot length outside 1..60 minutes, or a slot ending after minute 2^40 - 1 (about 2 million years).
    error InvalidSlotLength(uint64 startMinute, uint16 lengthMinutes);
    /// @notice The slot overlaps an interval of the same site that is registered already.
    error SlotOverlaps(bytes32 siteId, uint64 startMinute, uint16 lengthMinutes);
    /// @notice No supply is registered for (site, startMinute, lengthMinutes).
    error SlotNotRegistered(bytes32 siteId, uint64 startMinute, uint16 lengthMinutes);
    /// @notice An amendment would set a source below the Wh already claimed from it.
    error AmendmentBelowClaimed(
        bytes32 siteId, uint64 startMinute, uint16 lengthMinutes, uint8 source, uint64 newWh, uint64 claimedWh
    );
    /// @notice A Wh figure, sum or id would exceed its range: supply per (slot, source) is at most 10^12 Wh
    /// (1 TWh, which bounds how fast the global Wh id counter can be consumed); Wh sums fit uint64; Wh ids < 2^88.
    error WhOverflow(uint256 value);
    /// @notice The receipt's deadline has passed.
    error ReceiptExpired(uint64 deadline, uint256 nowSeconds);
    /// @notice The charging window is empty (endMinute <= startMinute).
    error InvalidWindow(uint64 startMinute, uint64 endMinute);
    /// @notice The source index is not 0..3.
    error InvalidSource(uint8 source);
    /// @notice Green claim `index` claims 0 Wh.
    error EmptyGreenClaim(uint256 index);
    /// @notice Green claim `index` is not strictly after the previous one by (startMinute, source).
    error InvalidClaimOrder(uint256 index);
    /// @notice Green claim `index` names a slot that is not inside the charging window.
    error ClaimOutsideWindow(uint256 index, uint64 startMinute, uint16 lengthMinutes);
    /// @notice The green claims sum to more than the delivered energy.
    error ClaimExceedsDelivered(uint64 greenWh, uint64 deliveredWh);
    /// @notice A green claim asks for more than the unclaimed Wh of its (slot, source).
    error InsufficientGreenSupply(
        bytes32 siteId, uint64 startMinute, uint16 lengthMinutes, uint8 source, uint64 requestedWh, uint64 availableWh
    );
    /// @notice The site signature does not recover to a METERING_SIGNER of the site (`recovered` is 0 if malformed).
    error InvalidSiteSignature(bytes32 siteId, address recovered);
    /// @notice The beneficiary neither sent the transaction nor signed the receipt (EOA or ERC-1271).
    error InvalidBeneficiarySignature(address beneficiary);
    /// @notice (site, session) has a live claim already.
    error ClaimAlreadyLive(bytes32 siteId, bytes32 sessionId);
    /// @notice The receipt (its EIP-712 digest) was claimed before, also if that claim was revoked.
    error ReceiptAlreadyUsed(bytes32 receiptDigest);
    /// @notice The receipt's revision is not the session's revocation count: it was signed before a revoke
    /// (or for a revision not reached yet).
    error StaleReceiptRevision(bytes32 siteId, bytes32 sessionId, uint32 revision, uint32 expected);
    /// @notice (site, session) has no live claim.
    error ClaimNotLive(bytes32 siteId, bytes32 sessionId);
    /// @notice The site anchored this root before (a root is anchored once per site).
    error RootAlreadyAnchored(bytes32 root);
    /// @notice The root was never anchored for the site in question (the receipt's, or the one named).
    error RootNotAnchored(bytes32 root);
    /// @notice The root was revoked by its site admin.
    error AnchorRevoked(bytes32 root);
    /// @notice The Merkle proof does not lead from the receipt's leaf to the root.
    error InvalidMerkleProof(bytes32 root, bytes32 leaf);

    // ------------------------------------------------------------------ events

    /// @notice The registry admin registered a site with its first site admin.
    event SiteRegistered(bytes32 indexed siteId, address indexed siteAdmin, bytes32 issuingBody, address indexed by);
    /// @notice `account` received `role` on `siteId` (also emitted for SITE_ADMIN at registration and transfer).
    event SiteRoleGranted(bytes32 indexed siteId, bytes32 indexed role, address indexed account, address by);
    /// @notice `account` lost `role` on `siteId` (also emitted for SITE_ADMIN at transfer).
    event SiteRoleRevoked(bytes32 indexed siteId, bytes32 indexed role, address indexed account, address by);
    /// @notice The site admin started a transfer of the site-admin role to `pendingAdmin`.
    event SiteAdminTransferStarted(bytes32 indexed siteId, address indexed currentAdmin, address indexed pendingAdmin);
    /// @notice The site admin cancelled the pending transfer to `pendingAdmin`.
    event SiteAdminTransferCancelled(bytes32 indexed siteId, address indexed pendingAdmin);
    /// @notice `newAdmin` accepted the site-admin role of `siteId`.
    event SiteAdminTransferred(bytes32 indexed siteId, address indexed previousAdmin, address indexed newAdmin);

    /// @notice A registrar registered green supply for a slot (its bundles follow as BundleIssued).
    event SupplyRegistered(
        bytes32 indexed siteId,
        uint64 indexed startMinute,
        uint16 lengthMinutes,
        bytes32 deviceId,
        bytes32 evidenceHash,
        uint64[4] sourceWh,
        address indexed registrar
    );
    /// @notice A registrar amended a slot's supply to `version` (bundle changes follow as BundleIssued/BundleWithdrawn).
    event SupplyAmended(
        bytes32 indexed siteId,
        uint64 indexed startMinute,
        uint16 lengthMinutes,
        uint32 version,
        uint64[4] previousSourceWh,
        uint64[4] newSourceWh,
        bytes32 evidenceHash,
        address indexed registrar
    );
    /// @notice A certificate bundle was issued (status Active) with all its GC fields.
    event BundleIssued(uint64 indexed bundleId, bytes32 indexed siteId, GreenCertificateBundle bundle);
    /// @notice A claim cancelled `wh` Wh ids from `fromBundleId`; they now form bundle `bundleId` (status Claimed;
    /// equal to fromBundleId when the whole bundle was cancelled).
    event BundleCancelled(
        uint64 indexed bundleId,
        bytes32 indexed siteId,
        bytes32 indexed sessionId,
        uint64 fromBundleId,
        uint96 firstWhId,
        uint64 wh
    );
    /// @notice `wh` Wh ids of `fromBundleId` were withdrawn; they now form bundle `bundleId` (status Withdrawn).
    event BundleWithdrawn(
        uint64 indexed bundleId, bytes32 indexed siteId, uint64 fromBundleId, uint96 firstWhId, uint64 wh, WithdrawReason reason
    );
    /// @notice A receipt was claimed for (site, session); its cancelled ranges were emitted as BundleCancelled.
    event ReceiptClaimed(
        bytes32 indexed siteId,
        bytes32 indexed sessionId,
        address indexed beneficiary,
        bytes32 receiptDigest,
        bytes32 receiptHash,
        uint64 deliveredWh,
        uint64 greenWh,
        bytes32 anchorRoot
    );
    /// @notice A site admin or registrar revoked the claim of (site, session) and released its Wh.
    event ClaimRevoked(
        bytes32 indexed siteId, bytes32 indexed sessionId, address indexed by, uint16 reasonCode, uint64 releasedWh
    );
    /// @notice A metering signer anchored a Merkle root of the receipts finished in a period.
    event ReceiptsAnchored(
        bytes32 indexed siteId,
        bytes32 indexed root,
        address indexed signer,
        uint64 periodStartMinute,
        uint32 periodLengthMinutes,
        uint32 receiptCount
    );
    /// @notice The site admin revoked an anchored root; claims by proof against it are refused from now on.
    event AnchorRevokedBySite(bytes32 indexed siteId, bytes32 indexed root, address indexed by, uint16 reasonCode);

    // ------------------------------------------------------------------ roles and sites

    /// @notice Role id of a site's admin: keccak256("SITE_ADMIN").
    function SITE_ADMIN() external view returns (bytes32);
    /// @notice Role id of a site's supply registrar: keccak256("SUPPLY_REGISTRAR").
    function SUPPLY_REGISTRAR() external view returns (bytes32);
    /// @notice Role id of a site's metering signer: keccak256("METERING_SIGNER").
    function METERING_SIGNER() external view returns (bytes32);

    /// @notice Registers a site so its id cannot be squatted. Registry admin (DEFAULT_ADMIN_ROLE) only.
    /// @param siteId keccak256 of the site id string (non-zero).
    /// @param siteAdmin First site admin (non-zero); grants the site's registrars and metering signers.
    /// @param issuingBody keccak256 of the issuing body's name (non-zero).
    function registerSite(bytes32 siteId, address siteAdmin, bytes32 issuingBody) external;

    /// @notice Grants SUPPLY_REGISTRAR or METERING_SIGNER of `siteId` to `account`. Site admin of `siteId` only.
    /// @dev No-op (no event) if `account` holds the role already.
    function grantSiteRole(bytes32 siteId, bytes32 role, address account) external;

    /// @notice Revokes SUPPLY_REGISTRAR or METERING_SIGNER of `siteId` from `account`. Site admin of `siteId` only.
    /// @dev No-op (no event) if `account` does not hold the role. Anchors made by a revoked signer stay valid
    /// until the site admin revokes them with {revokeAnchor}.
    function revokeSiteRole(bytes32 siteId, bytes32 role, address account) external;

    /// @notice Starts moving the site-admin role to `newAdmin` (replaces any pending transfer). Site admin only.
    function beginSiteAdminTransfer(bytes32 siteId, address newAdmin) external;

    /// @notice Cancels the pending site-admin transfer. Site admin only.
    function cancelSiteAdminTransfer(bytes32 siteId) external;

    /// @notice Completes the site-admin transfer. Pending site admin only.
    function acceptSiteAdminTransfer(bytes32 siteId) external;

    /// @notice The site record (registered = false for an unknown id).
    function siteOf(bytes32 siteId) external view returns (SiteRecord memory);

    /// @notice True if `account` holds `role` (SITE_ADMIN, SUPPLY_REGISTRAR or METERING_SIGNER) on `siteId`.
    function hasSiteRole(bytes32 siteId, bytes32 role, address account) external view returns (bool);

    // ------------------------------------------------------------------ supply

    /// @notice Registers green supply; each non-zero source of a slot becomes one active bundle with a fresh
    /// Wh id range. Supply registrar of `siteId` only.
    /// @dev Slots of one site never overlap in time (also across lengths); a zero-Wh slot blocks its interval
    /// and can be amended.
    /// @param siteId Registered site.
    /// @param slots At least one slot; lengthMinutes 1..60; each sourceWh at most 10^12 Wh (else WhOverflow);
    /// deviceId and evidenceHash non-zero (else ZeroValue).
    function registerSupply(bytes32 siteId, SupplySlot[] calldata slots) external;

    /// @notice Sets a registered slot's supply per source to `newSourceWh` (a new version). Supply registrar only.
    /// @dev Never below what is claimed per source, never above 10^12 Wh per source; newEvidenceHash non-zero. Lowering withdraws the tail of the active bundle; raising
    /// issues one new active bundle for the unclaimed Wh (the previous active remainder is withdrawn as Reissued).
    function amendSupply(
        bytes32 siteId,
        uint64 startMinute,
        uint16 lengthMinutes,
        uint64[4] calldata newSourceWh,
        bytes32 newEvidenceHash
    ) external;

    /// @notice State of a slot (version 0 if not registered).
    function getSlot(bytes32 siteId, uint64 startMinute, uint16 lengthMinutes) external view returns (SlotState memory);

    /// @notice A certificate bundle by id (status None if it does not exist).
    function bundle(uint64 bundleId) external view returns (GreenCertificateBundle memory);

    /// @notice Number of bundles created so far (ids are 1..bundleCount).
    function bundleCount() external view returns (uint64);

    /// @notice The next Wh id to be issued (ids start at 1; [1, nextWhId) have been issued).
    function nextWhId() external view returns (uint96);

    // ------------------------------------------------------------------ claims

    /// @notice Claims a receipt signed by a metering signer of `r.siteId`; cancels its green Wh out of the bundles.
    /// @dev Anyone may submit; `beneficiarySig` may be empty when msg.sender is `r.beneficiary`. Refused after
    /// the deadline, while (site, session) has a live claim, for a receipt digest used before, and when any
    /// (slot, source) lacks unclaimed supply.
    /// @param r The receipt as signed.
    /// @param siteSig 65-byte ECDSA signature of a METERING_SIGNER of r.siteId over {receiptDigest}.
    /// @param beneficiarySig The beneficiary's signature over the same digest (EOA or ERC-1271).
    function claim(MeteredReceipt calldata r, bytes calldata siteSig, bytes calldata beneficiarySig) external;

    /// @notice {claim} where the site signature is replaced by inclusion of the receipt in an anchored root of r.siteId.
    /// @param root A root anchored for r.siteId and not revoked.
    /// @param proof OpenZeppelin StandardMerkleTree proof of the leaf of {receiptDigest}(r) (leaf type bytes32).
    function claimWithProof(
        MeteredReceipt calldata r,
        bytes32 root,
        bytes32[] calldata proof,
        bytes calldata beneficiarySig
    ) external;

    /// @notice Revokes the live claim of (site, session) and releases its Wh. Site admin or supply registrar of `siteId`.
    /// @dev The cancelled id ranges are withdrawn (reason Released, never reused) and the Wh re-issued as the
    /// slot's new active bundle, so they can be claimed again. The receipt stays used and the session's
    /// revision goes up by one: a re-claim needs a new site-signed receipt with that revision, so no receipt
    /// signed or anchored before the revoke can revive the claim.
    /// @param reasonCode 1 wrong figures, 2 meter fault, 3 driver request, 4 fraud; others app-defined.
    function revoke(bytes32 siteId, bytes32 sessionId, uint16 reasonCode) external;

    /// @notice The claim of (site, session) (status None if never claimed).
    function getClaim(bytes32 siteId, bytes32 sessionId) external view returns (ClaimRecord memory);

    /// @notice The Wh id ranges the claim of (site, session) cancelled, one per green claim.
    /// @dev After a revoked claim is re-claimed, this shows the new claim's ranges; the earlier ones stay in
    /// the BundleCancelled / BundleWithdrawn events.
    function claimRanges(bytes32 siteId, bytes32 sessionId) external view returns (ClaimedRange[] memory);

    /// @notice The revision a receipt of (site, session) must carry to be claimed: how often its claim was revoked.
    function receiptRevision(bytes32 siteId, bytes32 sessionId) external view returns (uint32);

    /// @notice True if a claim was ever made with this receipt digest.
    function isReceiptUsed(bytes32 receiptDigest) external view returns (bool);

    /// @notice EIP-712 digest of `r` in this ledger's domain {name "GreenSlot", version "2", chainId, this}.
    function receiptDigest(MeteredReceipt calldata r) external view returns (bytes32);

    // ------------------------------------------------------------------ anchoring

    /// @notice Anchors the Merkle root of the receipts of `siteId` that finished in a period. Metering signer only.
    /// @dev Leaves: OpenZeppelin StandardMerkleTree over ["bytes32"] of each {receiptDigest}:
    /// leaf = keccak256(bytes.concat(keccak256(abi.encode(digest)))). Anchors are keyed by (site, root): a root
    /// can be anchored once per site, and another site anchoring the same root first cannot block it.
    /// @param root Non-zero Merkle root.
    /// @param periodStartMinute Period start, minutes since the Unix epoch.
    /// @param periodLengthMinutes Period length, minutes (> 0).
    /// @param receiptCount Leaves in the tree (> 0).
    function anchor(
        bytes32 siteId,
        bytes32 root,
        uint64 periodStartMinute,
        uint32 periodLengthMinutes,
        uint32 receiptCount
    ) external;

    /// @notice Revokes an anchored root of `siteId` (e.g. after a signer key leaked). Site admin only.
    /// @dev Claims already made by proof stay; revoke them one by one with {revoke} if needed.
    function revokeAnchor(bytes32 siteId, bytes32 root, uint16 reasonCode) external;

    /// @notice True if `root` is anchored for `siteId` and not revoked.
    function isAnchored(bytes32 siteId, bytes32 root) external view returns (bool);

    /// @notice The anchor record of `root` for `siteId` (anchoredBlock 0 if that site never anchored it).
    function anchorOf(bytes32 siteId, bytes32 root) external view returns (AnchorRecord memory);

    /// @notice True if `r` is a leaf of `root` and `root` is anchored, not revoked, for r.siteId.
    function verifyAnchoredReceipt(MeteredReceipt calldata r, bytes32 root, bytes32[] calldata proof)
        external
        view
        returns (bool);
}
