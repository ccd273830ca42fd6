package dev.zos.core.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Published vectors for every step: mnemonic → entropy → mini secret → ed25519 public key → SS58. */
class KnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * From paritytech/substrate-bip39 src/lib.rs, test VECTORS (the Trezor BIP-39 vectors re-derived with
     * password "Substrate"): phrase, entropy, 64-byte seed; the mini secret is the seed's first 32 bytes.
     * The three all-zero entropies share one seed because HMAC pads short all-zero keys to the same block.
     */
    @ParameterizedTest
    @CsvSource({
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about,"
                    + "00000000000000000000000000000000,"
                    + "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453",
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
                    + " abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art,"
                    + "0000000000000000000000000000000000000000000000000000000000000000,"
                    + "44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e33f50c3d5c84fa3e5399c72d6cbbbbc4a49bf76f76d952f479d74655a2ef2d453",
            "legal winner thank year wave sausage worth useful legal winner thank yellow,"
                    + "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f,"
                    + "4313249608fe8ac10fd5886c92c4579007272cb77c21551ee5b8d60b780416850f1e26c1f4b8d88ece681cb058ab66d6182bc2ce5a03181f7b74c27576b5c8bf",
            "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo when,"
                    + "ffffffffffffffffffffffffffffffffffffffffffffffff,"
                    + "8971cb290e7117c64b63379c97ed3b5c6da488841bd9f95cdc2a5651ac89571e2c64d391d46e2475e8b043911885457cd23e99a28b5a18535fe53294dc8e1693",
            "hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis"
                    + " maple dilemma loan word shrug inflict delay length,"
                    + "68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c,"
                    + "7c60c555126c297deddddd59f8cdcdc9e3608944455824dd604897984b5cc369cad749803bb36eb8b786b570c9cdc8db275dbe841486676a6adf389f3be3f076",
            "void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol"
                    + " group space point ten exist slush involve unfold,"
                    + "f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f,"
                    + "938ba18c3f521f19bd4a399c8425b02c716844325b1a65106b9d1593fbafe5e0b85448f523f91c48e331995ff24ae406757cff47d11f240847352b348ff436ed",
    })
    void substrateBip39Vectors(String phrase, String entropyHex, String seedHex) {
        var mnemonic = Mnemonic.parse(phrase);
        assertThat(HEX.formatHex(mnemonic.entropy())).isEqualTo(entropyHex);
        assertThat(HEX.formatHex(MiniSecret.seedFromEntropy(mnemonic.entropy(), "Substrate"))).isEqualTo(seedHex);
        assertThat(HEX.formatHex(MiniSecret.fromMnemonic(mnemonic, "Substrate"))).isEqualTo(seedHex.substring(0, 64));
    }

    /** Substrate's development phrase; its secret seed as printed by `subkey inspect` (sp-core DEV_PHRASE/DEV_SEED). */
    @Test
    void substrateDevPhrase() {
        var mnemonic = Mnemonic.parse("bottom drive obey lake curtain smoke basket hold race lonely fit walk");
        assertThat(MiniSecret.toHex(MiniSecret.fromMnemonic(mnemonic, "")))
                .isEqualTo("0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    }

    /**
     * `subkey inspect --scheme ed25519` output for three phrases, published in ithaka-dev/unity-chain
     * scripts/keys.md ("ed25519" sections for Alice, Bob and Clare): phrase, secret seed, public key, SS58.
     */
    @ParameterizedTest
    @CsvSource({
            "marble crisp cover huge yellow quick warm pudding spatial engage unfair million,"
                    + "0xfd72a60d6cd6d226c7dac996b9479bf5f4631434fd6b1bdec3e76e35a39e2be4,"
                    + "e7988839e659db69ae9ad08c3ef2ccabba44236024a039ebad83bd8fc75dccfb,"
                    + "5HJNEJ6KCG8PDzXC7ZeNDJetktYzpyPXi8GLVagP8fvC8tdH",
            "clean upper wool melt current summer pride fuel sudden enlist swarm cram,"
                    + "0xea9849a82002075b9613688c0ac5a08267ae349ff1d49052c3a7023de80890f5,"
                    + "5a9b9bec588531188fb362aca065730ded3dcd1c9529d33d5b66f1710bfdec88,"
                    + "5E7WPi4qsCp5EsqtXdP5GiUXJqCfyGr2QMbDb9v7E2nMzvkU",
            "fury fox devote mixed slush jar umbrella essence possible practice rookie average,"
                    + "0x835e7b764dc86fc91374b695f2fb6f7632811dd32ff08061dc0dedb5a11bb52b,"
                    + "2d4cba8d987d0fca5b7383a4c74605cfb6aa35321b95d03041de76aa5b928934,"
                    + "5D66oepnPFCfmW3FVpztiFWHXd76RMpSwxoaAQdqP1rmVhDi",
    })
    void subkeyEd25519Chain(String phrase, String seedHex, String publicKeyHex, String ss58) {
        var mnemonic = Mnemonic.parse(phrase);
        assertThat(MiniSecret.toHex(MiniSecret.fromMnemonic(mnemonic, ""))).isEqualTo(seedHex);
        var key = TwinKey.fromMnemonic(mnemonic);
        assertThat(key.publicKeyHex()).isEqualTo(publicKeyHex);
        assertThat(key.ss58Address()).isEqualTo(ss58);
        assertThat(TwinKey.fromSecret(seedHex)).isEqualTo(key);
        assertThat(TwinKey.fromSecret(phrase)).isEqualTo(key);
    }

    /** `subkey inspect --scheme ed25519` output in scyrilnaves/substratetoken-repository nodetemplatetoken/myscripts/keys_file.sh. */
    @ParameterizedTest
    @CsvSource({
            "more faith dirt load echo raven swim huge stone panda prefer choose,"
                    + "0x15d3e38d1d81b1e2ab96fb192d75f7791fcded85e34dcc3e236475bc41af8885,"
                    + "06f61dc485c811532dd28ffa395e9e6808ad871ed2c70c8c557770fd2148e046,"
                    + "5CDqFpN28CdqagX2vkpUNuJPPhpzGfohVRsGdLQscKNLrfqh",
            "artefact nest shield afford chaos loan actual element movie paper bacon pigeon,"
                    + "0xe59a7c2db8925536c204b991dda1d96d19bb449e6dfda5e1cb8d87faf55b3653,"
                    + "7162baaf8a086ef423fc4d2b3165f3ff8ceb036d55e337dc3a94958e826ecb7b,"
                    + "5EdNba2q59HyLm3Rueo68B9FYcUnf3CsCXvLjjKDoB338jwc",
    })
    void subkeyEd25519ChainSecondSource(String phrase, String seedHex, String publicKeyHex, String ss58) {
        subkeyEd25519Chain(phrase, seedHex, publicKeyHex, ss58);
    }

    /** RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72). */
    @ParameterizedTest
    @CsvSource({
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                    + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,,"
                    + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                    + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,72,"
                    + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    })
    void rfc8032(String seedHex, String publicKeyHex, String messageHex, String signatureHex) {
        byte[] message = messageHex == null ? new byte[0] : HEX.parseHex(messageHex);
        var key = TwinKey.fromSeed(HEX.parseHex(seedHex));
        assertThat(key.publicKeyHex()).isEqualTo(publicKeyHex);
        assertThat(HEX.formatHex(key.sign(message))).isEqualTo(signatureHex);
        assertThat(key.verify(message, HEX.parseHex(signatureHex))).isTrue();
        assertThat(key.verify(new byte[] {1}, HEX.parseHex(signatureHex))).isFalse();
    }
}
