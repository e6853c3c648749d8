<?php
/**
 * Plugin Name: blackout electoral-silence check
 * Description: Asks `blackout serve` before a post goes out. A publication that
 *   falls into an electoral silence is rescheduled to the earliest lawful time;
 *   if the service cannot be reached, the post is held as pending (fail closed).
 *
 * Configure in wp-config.php:
 *   define('BLACKOUT_URL', 'http://127.0.0.1:8787');
 *   define('BLACKOUT_TOKEN', '...');   // the token given to `blackout serve --token`
 *
 * Two paths publish a post, and both are checked at the moment it goes out:
 * - an editor (classic editor or Gutenberg, through wp_insert_post): filter wp_insert_post_data;
 * - wp-cron publishing a scheduled post: action publish_future_post, before core's
 *   own handler (priority 10), which reschedules instead of publishing when the
 *   post's date has been moved into the future.
 */

if (!defined('ABSPATH')) {
    exit;
}

/**
 * Asks the service about one post at one instant.
 * Returns the verdict (array), or null when there is no usable answer.
 */
function blackout_check_post(WP_Post|array $post, int $at): ?array
{
    $post = (object) $post;
    $record = [
        'id' => 'wp-' . ($post->ID ?? 'new'),
        'publishedAt' => gmdate('Y-m-d\TH:i:s\Z', $at),
        // Term slugs of a taxonomy 'electoral_category' (propaganda, poll, ...): your mapping.
        'categories' => isset($post->ID) ? wp_get_post_terms($post->ID, 'electoral_category', ['fields' => 'slugs']) : [],
        'channel' => 'web',
        'title' => (string) ($post->post_title ?? ''),
    ];
    $response = wp_remote_post(rtrim(BLACKOUT_URL, '/') . '/v1/check?lang=fr', [
        'timeout' => 3,
        'headers' => [
            'Content-Type' => 'application/json',
            'Authorization' => 'Bearer ' . BLACKOUT_TOKEN,
        ],
        'body' => wp_json_encode($record),
    ]);
    if (is_wp_error($response) || wp_remote_retrieve_response_code($response) !== 200) {
        return null;
    }
    $report = json_decode(wp_remote_retrieve_body($response), true);
    return $report['results'][0] ?? null;
}

/** Editor path: a post about to be published now is rescheduled or held. */
add_filter('wp_insert_post_data', function (array $data, array $postarr) {
    if ($data['post_status'] !== 'publish' || $data['post_type'] !== 'post') {
        return $data;
    }
    $verdict = blackout_check_post(array_merge($postarr, $data), time());
    if ($verdict === null || $verdict['status'] === 'invalid') {
        // Fail closed: no answer is not a yes.
        $data['post_status'] = 'pending';
        set_transient('blackout_notice_' . get_current_user_id(), 'Publication suspendue : le service blackout n\'a pas pu vérifier cet article.', 60);
        return $data;
    }
    if ($verdict['status'] === 'blocked' && $verdict['earliestAllowedAt'] !== null) {
        $when = strtotime($verdict['earliestAllowedAt']);
        $data['post_status'] = 'future';
        $data['post_date_gmt'] = gmdate('Y-m-d H:i:s', $when);
        $data['post_date'] = get_date_from_gmt($data['post_date_gmt']);
        set_transient('blackout_notice_' . get_current_user_id(), $verdict['violations'][0]['message'] . ' Publication reprogrammée au ' . $data['post_date'] . '.', 60);
    }
    return $data;
}, 10, 2);

/** wp-cron path: a scheduled post about to go out is moved to the earliest lawful time. */
add_action('publish_future_post', function (int $post_id) {
    $post = get_post($post_id);
    if (!$post || $post->post_type !== 'post') {
        return;
    }
    $verdict = blackout_check_post($post, time());
    if ($verdict !== null && $verdict['status'] !== 'blocked' && $verdict['status'] !== 'invalid') {
        return;
    }
    // Blocked, or no answer: push the date forward; core's handler then reschedules instead of publishing.
    $when = ($verdict !== null && $verdict['earliestAllowedAt'] !== null) ? strtotime($verdict['earliestAllowedAt']) : time() + 15 * MINUTE_IN_SECONDS;
    $gmt = gmdate('Y-m-d H:i:s', $when);
    wp_update_post(['ID' => $post_id, 'post_date_gmt' => $gmt, 'post_date' => get_date_from_gmt($gmt), 'edit_date' => true]);
}, 5);

add_action('admin_notices', function () {
    $key = 'blackout_notice_' . get_current_user_id();
    $notice = get_transient($key);
    if ($notice) {
        delete_transient($key);
        printf('<div class="notice notice-warning"><p>%s</p></div>', esc_html($notice));
    }
});
