<?php
/**
 * Plugin Name: blackout electoral-silence check
 * Description: Asks `blackout serve` before a post goes out. A publication that falls into an electoral silence is rescheduled to the earliest lawful time; when the service cannot say yes (unreachable, refused, no lawful time), the post is held as pending, with a notice saying why.
 * Version: 0.2.0
 * Requires at least: 6.1
 * Requires PHP: 7.4
 * License: MIT
 *
 * Configure in wp-config.php:
 *   define('BLACKOUT_URL', 'http://127.0.0.1:8787');
 *   define('BLACKOUT_TOKEN', '...');          // the token given to `blackout serve --token`
 *   define('BLACKOUT_ON_BLOCK', 'reschedule'); // or 'hold': a blocked post stays pending instead
 *   define('BLACKOUT_FAIL_ON', 'block');       // or 'review': posts the policy flags for review are held too
 *
 * The policy's categories are the slugs of the taxonomy `electoral_category` that this
 * plugin registers (create its terms with the policy's codes: poll, propaganda, result, ...).
 *
 * Every path that publishes a post is checked at the moment it goes out:
 * - an editor or API client, through wp_insert_post (classic editor, quick edit, block
 *   editor and REST API, XML-RPC): filter wp_insert_post_data. WordPress saves the terms
 *   chosen in that same request only after this filter, so they are read from the request:
 *   `tax_input` (classic editor, quick and bulk edit, XML-RPC, wp_insert_post callers) or
 *   the REST request's `electoral_category` field (block editor, REST API), remembered
 *   on rest_pre_insert_post, just before the REST controller calls wp_insert_post.
 * - wp-cron publishing a scheduled post: action publish_future_post, before core's own
 *   handler (priority 10), which reschedules instead of publishing when the post's date
 *   has been moved into the future, and does nothing once the post is no longer `future`.
 * - anything else that publishes a post without either (a plugin calling wp_publish_post(),
 *   which writes the status straight to the database): action transition_post_status,
 *   once the post is published. It is then taken back offline (rescheduled or held) at
 *   once; the paths above are checked before anything goes out.
 *
 * Written for PHP 7.4 and later (no PHP 8 syntax or functions).
 */

if (!defined('ABSPATH')) {
    exit;
}

/** The taxonomy whose term slugs are the policy's categories. */
function blackout_taxonomy()
{
    return 'electoral_category';
}

/**
 * The post types checked (filter `blackout_post_types`): by default every public one but
 * attachments, so that a result published as a page, or as a custom type, is checked too.
 */
function blackout_post_types()
{
    $public = array_values(array_diff(get_post_types(array('public' => true)), array('attachment')));
    return (array) apply_filters('blackout_post_types', $public);
}

function blackout_setting($name, $default)
{
    return defined($name) ? constant($name) : $default;
}

add_action('init', function () {
    register_taxonomy(blackout_taxonomy(), blackout_post_types(), array(
        'label' => 'Catégories électorales / Electoral categories',
        'hierarchical' => true, // checkboxes, and term ids in requests: no term is created by a typo
        'public' => false,
        'show_ui' => true,
        'show_admin_column' => true,
        'show_in_rest' => true,
        'rest_base' => blackout_taxonomy(),
    ));
    foreach (blackout_post_types() as $type) {
        add_filter("rest_pre_insert_{$type}", 'blackout_remember_rest_terms', 10, 2);
    }
}, 99); // late: the post types other plugins register on init are public by then

add_action('rest_api_init', function () {
    register_rest_field(blackout_post_types(), 'blackout', array(
        'get_callback' => function ($post) {
            $notice = get_post_meta($post['id'], '_blackout_notice', true);
            return $notice === '' ? null : $notice;
        },
        'schema' => array('description' => 'Why blackout held or rescheduled this post, if it did.', 'type' => array('object', 'null'), 'context' => array('view', 'edit')),
    ));
});

/**
 * The REST controller calls wp_insert_post without the request's terms, and saves
 * them afterwards (handle_terms): remember them for the check that comes in between.
 */
function blackout_remember_rest_terms($prepared_post, $request)
{
    $GLOBALS['blackout_rest_terms'] = null;
    if ($request instanceof WP_REST_Request && $request->has_param(blackout_taxonomy())) {
        $GLOBALS['blackout_rest_terms'] = array(
            'post' => isset($prepared_post->ID) ? (int) $prepared_post->ID : 0,
            'terms' => $request->get_param(blackout_taxonomy()),
        );
    }
    return $prepared_post;
}

/**
 * The slugs of the policy categories the post will have once this save is done,
 * or a WP_Error when they cannot be known.
 */
function blackout_terms_being_saved(array $postarr)
{
    $taxonomy = get_taxonomy(blackout_taxonomy());
    if (!$taxonomy) {
        return new WP_Error('blackout_no_taxonomy', 'taxonomy ' . blackout_taxonomy() . ' is not registered');
    }
    $id = isset($postarr['ID']) ? (int) $postarr['ID'] : 0;
    $rest = isset($GLOBALS['blackout_rest_terms']) ? $GLOBALS['blackout_rest_terms'] : null;
    if (is_array($rest) && $rest['post'] === $id) {
        $GLOBALS['blackout_rest_terms'] = null;
        return blackout_term_slugs($rest['terms'], $taxonomy);
    }
    // As core: tax_input is saved only when the current user may assign the terms.
    if (isset($postarr['tax_input'][$taxonomy->name]) && current_user_can($taxonomy->cap->assign_terms)) {
        return blackout_term_slugs($postarr['tax_input'][$taxonomy->name], $taxonomy);
    }
    if ($id === 0) {
        return array();
    }
    $saved = wp_get_object_terms($id, $taxonomy->name, array('fields' => 'slugs'));
    return is_wp_error($saved) ? $saved : array_values($saved);
}

/** Term ids or names, read as wp_set_post_terms and wp_set_object_terms read them. */
function blackout_term_slugs($terms, WP_Taxonomy $taxonomy)
{
    if (is_string($terms)) {
        $terms = explode(',', trim($terms, " \n\t\r\0\x0B,"));
    }
    if (!is_array($terms)) {
        $terms = array($terms);
    }
    if ($taxonomy->hierarchical) {
        // Hierarchical taxonomies take ids only: a name reads as 0 and is dropped, as in core.
        $terms = array_filter(array_map('intval', $terms));
    }
    $slugs = array();
    foreach ($terms as $term) {
        if (is_int($term)) {
            $found = get_term($term, $taxonomy->name);
            if ($found instanceof WP_Term) {
                $slugs[] = $found->slug;
            }
            continue; // core skips an id that is not a term
        }
        $name = trim((string) $term);
        if ($name === '') {
            continue;
        }
        $found = term_exists($name, $taxonomy->name);
        // A name that is not yet a term is created by core with this slug.
        $slugs[] = $found ? get_term((int) $found['term_id'], $taxonomy->name)->slug : sanitize_title($name);
    }
    return array_values(array_unique($slugs));
}

/**
 * Asks the service about one record. Returns the verdict (array), or a WP_Error
 * saying why there is none.
 */
function blackout_ask(array $record)
{
    $body = wp_json_encode($record);
    if ($body === false) {
        return new WP_Error('blackout_encoding', 'the post could not be encoded as JSON');
    }
    $lang = blackout_setting('BLACKOUT_LANG', 'fr');
    $response = wp_remote_post(rtrim(blackout_setting('BLACKOUT_URL', 'http://127.0.0.1:8787'), '/') . '/v1/check?lang=' . rawurlencode($lang), array(
        'timeout' => 3,
        'headers' => array(
            'Content-Type' => 'application/json; charset=utf-8',
            'Accept-Language' => $lang,
            'Authorization' => 'Bearer ' . blackout_setting('BLACKOUT_TOKEN', ''),
        ),
        'body' => $body,
    ));
    if (is_wp_error($response)) {
        return new WP_Error('blackout_unreachable', $response->get_error_message());
    }
    $status = (int) wp_remote_retrieve_response_code($response);
    $report = json_decode(wp_remote_retrieve_body($response), true);
    if ($status !== 200) {
        $detail = isset($report['error']['message']) ? $report['error']['message'] : '';
        return new WP_Error('blackout_refused', 'HTTP ' . $status . ($detail === '' ? '' : ': ' . $detail));
    }
    if (!isset($report['results'][0]['status'])) {
        return new WP_Error('blackout_unreadable', 'the answer has no verdict');
    }
    return $report['results'][0];
}

/**
 * What to do with a post, from the service's answer: array('action' => publish |
 * reschedule | hold, 'at' => timestamp for reschedule, 'message' => for the editor).
 * Fails closed: anything but an allowed (or review) verdict keeps the post offline.
 */
function blackout_decide($verdict)
{
    if (is_wp_error($verdict)) {
        return array('action' => 'hold', 'message' => 'Publication suspendue : le service blackout n\'a pas pu vérifier cet article (' . $verdict->get_error_message() . '). / Publication held: the blackout service could not check this post.');
    }
    $status = $verdict['status'];
    if ($status === 'allowed') {
        return array('action' => 'publish', 'message' => '');
    }
    $messages = blackout_messages($verdict);
    if ($status === 'review') {
        if (blackout_setting('BLACKOUT_FAIL_ON', 'block') === 'review') {
            return array('action' => 'hold', 'message' => 'Publication suspendue, à vérifier / Publication held for review : ' . $messages);
        }
        return array('action' => 'publish', 'message' => 'Publié ; à vérifier / Published; to review : ' . $messages);
    }
    if ($status === 'invalid') {
        return array('action' => 'hold', 'message' => 'Publication suspendue : cet article ne peut pas être vérifié / Publication held: this post cannot be checked : ' . $messages);
    }
    if ($status === 'blocked') {
        $when = isset($verdict['earliestAllowedAt']) && is_string($verdict['earliestAllowedAt']) ? strtotime($verdict['earliestAllowedAt']) : false;
        if ($when !== false && blackout_setting('BLACKOUT_ON_BLOCK', 'reschedule') === 'reschedule') {
            $local = get_date_from_gmt(gmdate('Y-m-d H:i:s', $when));
            return array('action' => 'reschedule', 'at' => $when, 'message' => $messages . ' Publication reprogrammée au ' . $local . ' / Rescheduled to ' . $local . '.');
        }
        // No lawful time given (e.g. no policy loaded), or holding asked for: never published.
        return array('action' => 'hold', 'message' => 'Publication suspendue / Publication held : ' . $messages);
    }
    return array('action' => 'hold', 'message' => 'Publication suspendue : réponse inconnue du service blackout / Publication held: unknown answer (' . $status . ').');
}

/** The verdict's messages and errors, for the editor. */
function blackout_messages(array $verdict)
{
    $texts = array();
    foreach (array('violations', 'errors') as $key) {
        if (isset($verdict[$key]) && is_array($verdict[$key])) {
            foreach ($verdict[$key] as $item) {
                if (isset($item['message'])) {
                    $texts[] = (isset($item['field']) ? $item['field'] . ': ' : '') . $item['message'];
                }
            }
        }
    }
    return $texts === array() ? '(' . $verdict['status'] . ')' : implode(' ', $texts);
}

/** The record the service checks, for a post going out now with these categories. */
function blackout_record($post_id, array $post, $categories, $update)
{
    $record = array(
        'id' => 'wp-' . ($post_id > 0 ? $post_id : 'new'),
        'publishedAt' => gmdate('Y-m-d\TH:i:s\Z', time()),
        'categories' => $categories,
        'channel' => 'web',
        'title' => (string) (isset($post['post_title']) ? $post['post_title'] : ''),
        'body' => wp_strip_all_tags((string) (isset($post['post_content']) ? $post['post_content'] : '')),
    );
    if ($update) {
        $record['action'] = 'update'; // a change to a post already online
    }
    return $record;
}

/** Remembers why a post was held or rescheduled: on the post, and for the current user's next screen. */
function blackout_notify($post_id, array $decision)
{
    if ($decision['message'] === '') {
        if ($post_id > 0) {
            delete_post_meta($post_id, '_blackout_notice');
        }
        return;
    }
    $notice = array('action' => $decision['action'], 'message' => $decision['message'], 'at' => gmdate('Y-m-d\TH:i:s\Z', time()));
    if ($post_id > 0) {
        update_post_meta($post_id, '_blackout_notice', wp_slash($notice));
    } else {
        $GLOBALS['blackout_new_post_notice'] = $notice; // written once the post has an id
    }
    if (get_current_user_id() > 0) {
        set_transient('blackout_notice_' . get_current_user_id(), $decision['message'], 300);
    }
}

/** Editor, REST and API path: the post about to be published now is checked with the terms of this very save. */
add_filter('wp_insert_post_data', function ($data, $postarr, $unsanitized = array(), $update = false) {
    if ($data['post_status'] !== 'publish' || !in_array($data['post_type'], blackout_post_types(), true)) {
        return $data;
    }
    $post_id = isset($postarr['ID']) ? (int) $postarr['ID'] : 0;
    $categories = blackout_terms_being_saved($postarr);
    $was_online = $post_id > 0 && get_post_status($post_id) === 'publish';
    $verdict = is_wp_error($categories) ? $categories : blackout_ask(blackout_record($post_id, wp_unslash($data), $categories, $was_online));
    $decision = blackout_decide($verdict);
    if ($decision['action'] === 'reschedule') {
        $data['post_status'] = 'future';
        $data['post_date_gmt'] = gmdate('Y-m-d H:i:s', $decision['at']);
        $data['post_date'] = get_date_from_gmt($data['post_date_gmt']);
    } elseif ($decision['action'] === 'hold') {
        $data['post_status'] = 'pending';
    } elseif (!$was_online) {
        $GLOBALS['blackout_checked_publication'] = true; // the transition to publish this save makes was checked here
    }
    blackout_notify($post_id, $decision);
    return $data;
}, 100, 4); // late: other filters may change the status first

add_action('wp_insert_post', function ($post_id) {
    if (isset($GLOBALS['blackout_new_post_notice'])) {
        update_post_meta($post_id, '_blackout_notice', wp_slash($GLOBALS['blackout_new_post_notice']));
        unset($GLOBALS['blackout_new_post_notice']);
    }
}, 1);

/** The decision for a post as it is saved, with its saved terms (the wp-cron path and any other). */
function blackout_decide_saved(WP_Post $post)
{
    $categories = wp_get_object_terms($post->ID, blackout_taxonomy(), array('fields' => 'slugs'));
    $verdict = is_wp_error($categories) ? $categories : blackout_ask(blackout_record($post->ID, $post->to_array(), array_values($categories), false));
    return blackout_decide($verdict);
}

/** Moves a saved post's date to `$at` (a Unix time), with the other fields of `$more`. */
function blackout_move_to($post_id, $at, array $more = array())
{
    $gmt = gmdate('Y-m-d H:i:s', $at);
    wp_update_post(array_merge(array('ID' => $post_id, 'post_date_gmt' => $gmt, 'post_date' => get_date_from_gmt($gmt), 'edit_date' => true), $more));
}

/** wp-cron path: a scheduled post about to go out is checked with its saved terms. */
add_action('publish_future_post', function ($post_id) {
    $post = get_post($post_id);
    if (!$post || $post->post_status !== 'future' || !in_array($post->post_type, blackout_post_types(), true)) {
        return;
    }
    $decision = blackout_decide_saved($post);
    if ($decision['action'] === 'reschedule') {
        // A date in the future: core's handler (priority 10) reschedules instead of publishing.
        blackout_move_to($post->ID, $decision['at']);
    } elseif ($decision['action'] === 'hold') {
        // No longer `future`: core's handler leaves it alone.
        wp_update_post(array('ID' => $post->ID, 'post_status' => 'pending'));
    } else {
        $GLOBALS['blackout_checked_publication'] = true; // core's handler publishes it next
    }
    blackout_notify($post->ID, $decision);
}, 5);

/**
 * Any other path to `publish` (wp_publish_post() called by a plugin): the post is checked
 * with its saved terms as soon as it is published, and taken back offline when it may not be.
 */
add_action('transition_post_status', function ($new_status, $old_status, $post) {
    if ($new_status !== 'publish' || $old_status === 'publish' || !in_array($post->post_type, blackout_post_types(), true)) {
        return;
    }
    if (!empty($GLOBALS['blackout_checked_publication'])) {
        unset($GLOBALS['blackout_checked_publication']);
        return;
    }
    $decision = blackout_decide_saved($post);
    if ($decision['action'] === 'reschedule') {
        blackout_move_to($post->ID, $decision['at'], array('post_status' => 'future'));
    } elseif ($decision['action'] === 'hold') {
        wp_update_post(array('ID' => $post->ID, 'post_status' => 'pending'));
    }
    blackout_notify($post->ID, $decision);
}, 10, 3);

add_action('admin_notices', function () {
    $key = 'blackout_notice_' . get_current_user_id();
    $notice = get_transient($key);
    if ($notice) {
        delete_transient($key);
        printf('<div class="notice notice-warning"><p>%s</p></div>', esc_html($notice));
        return;
    }
    // A post held or rescheduled by wp-cron: said on its edit screen.
    $screen = function_exists('get_current_screen') ? get_current_screen() : null;
    if ($screen && $screen->base === 'post' && isset($_GET['post'])) {
        $stored = get_post_meta((int) $_GET['post'], '_blackout_notice', true);
        if (is_array($stored) && isset($stored['message'])) {
            printf('<div class="notice notice-warning"><p>%s</p></div>', esc_html($stored['message']));
        }
    }
});
